namespace Gyre.Apply.Health;

/// <summary>kstatus' status values: how far an object is from the state its spec asks for.</summary>
public enum HealthStatus
{
    InProgress,
    Failed,
    Current,
    Terminating,
    NotFound,
    Unknown,
}
