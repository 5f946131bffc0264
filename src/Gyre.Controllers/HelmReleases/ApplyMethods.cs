using Gyre.Api.Helm;
using Gyre.Helm.Storage;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// Which way an action writes objects (recorded on the release as Helm 4 does, apply_method ssa|csa):
/// install.serverSideApply (true by default) and upgrade/rollback.serverSideApply enabled|disabled|auto, where auto
/// follows the release the action starts from. A release without a recorded method was written by Gyre before it
/// recorded one, always with server-side apply, so auto keeps server-side apply for it (Helm 4 would pick client-side).
/// </summary>
internal static class ApplyMethods
{
    public const string ServerSide = "ssa";
    public const string ClientSide = "csa";

    public static string ForDeploy(HelmReleaseSpec spec, bool upgrade, Release? previous) => upgrade
        ? Resolve(spec.Upgrade.ServerSideApply, previous)
        : spec.Install.ServerSideApply ? ServerSide : ClientSide;

    public static string ForRollback(HelmReleaseSpec spec, Release? current) => Resolve(spec.Rollback.ServerSideApply, current);

    /// <summary>The client-side writer when the method is csa, with the objects of <paramref name="original"/> as the patches' base.</summary>
    public static async Task<ClientSideApply?> WriterAsync(string method, ReleaseApplier applier, Release? original, CancellationToken cancellationToken)
    {
        if (method != ClientSide)
        {
            return null;
        }

        var originals = original is null
            ? []
            : await applier.ResolveAsync(ReleaseManifest.Parse(original.Manifest).Select(d => d.Object), original.Namespace, cancellationToken).ConfigureAwait(false);
        return new ClientSideApply(originals.GroupBy(o => o.Ref).ToDictionary(g => g.Key, g => g.Last().Json));
    }

    private static string Resolve(string mode, Release? previous) => mode switch
    {
        ServerSideApplyMode.Enabled => ServerSide,
        ServerSideApplyMode.Disabled => ClientSide,
        _ => previous?.ApplyMethod == ClientSide ? ClientSide : ServerSide,
    };
}
