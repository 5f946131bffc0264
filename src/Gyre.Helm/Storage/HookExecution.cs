namespace Gyre.Helm.Storage;

/// <summary>helm pkg/release HookExecution: when a hook last ran and its phase (Unknown, Running, Succeeded, Failed).</summary>
public sealed record HookExecution(DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, string Phase)
{
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
}
