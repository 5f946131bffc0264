using Gyre.Helm.Storage;

namespace Gyre.Controllers.HelmReleases;

/// <summary>A hook failed; <see cref="Hooks"/> carries every hook's last run for the release record.</summary>
internal sealed class HookFailedException(string hookEvent, IReadOnlyList<ReleaseHook> hooks, string message) : Exception(message)
{
    public string Event { get; } = hookEvent;

    public IReadOnlyList<ReleaseHook> Hooks { get; } = hooks;
}
