namespace Gyre.Apply.Health;

/// <summary>An object's computed status and the human-readable reason kstatus gives for it.</summary>
public sealed record HealthResult(HealthStatus Status, string Message)
{
    public static HealthResult Current(string message) => new(HealthStatus.Current, message);

    public static HealthResult InProgress(string message) => new(HealthStatus.InProgress, message);

    public static HealthResult Failed(string message) => new(HealthStatus.Failed, message);
}
