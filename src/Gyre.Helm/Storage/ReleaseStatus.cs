namespace Gyre.Helm.Storage;

/// <summary>helm pkg/release Status values, as they appear in the stored JSON and the storage object's status label.</summary>
public static class ReleaseStatus
{
    public const string Unknown = "unknown";
    public const string Deployed = "deployed";
    public const string Uninstalled = "uninstalled";
    public const string Superseded = "superseded";
    public const string Failed = "failed";
    public const string Uninstalling = "uninstalling";
    public const string PendingInstall = "pending-install";
    public const string PendingUpgrade = "pending-upgrade";
    public const string PendingRollback = "pending-rollback";

    /// <summary>An operation started and never finished (the process died mid-way): Flux recovers these.</summary>
    public static bool IsPending(string status) => status is PendingInstall or PendingUpgrade or PendingRollback;
}
