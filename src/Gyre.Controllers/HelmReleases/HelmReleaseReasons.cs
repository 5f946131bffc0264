namespace Gyre.Controllers.HelmReleases;

/// <summary>helm-controller's condition types and reasons (api/v2/condition_types.go).</summary>
internal static class HelmReleaseReasons
{
    public const string Released = "Released";
    public const string TestSuccess = "TestSuccess";
    public const string Remediated = "Remediated";

    public const string InstallSucceeded = "InstallSucceeded";
    public const string InstallFailed = "InstallFailed";
    public const string UpgradeSucceeded = "UpgradeSucceeded";
    public const string UpgradeFailed = "UpgradeFailed";
    public const string TestSucceeded = "TestSucceeded";
    public const string TestFailed = "TestFailed";
    public const string RollbackSucceeded = "RollbackSucceeded";
    public const string RollbackFailed = "RollbackFailed";
    public const string UninstallSucceeded = "UninstallSucceeded";
    public const string UninstallFailed = "UninstallFailed";
    public const string RetriesExceeded = "RetriesExceeded";
    public const string MissingRollbackTarget = "MissingRollbackTarget";
    public const string InitFailed = "InitFailed";
}
