namespace Gyre.Controllers.HelmReleases;

/// <summary>A Helm action (install, upgrade, rollback, uninstall, test) failed; the release record says so too.</summary>
internal sealed class ActionFailedException(string action, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Action { get; } = action;
}
