using Gyre.Api;
using Gyre.Api.Meta;
using Gyre.Api.Source;
using Gyre.Controllers.Common;
using Gyre.Controllers.GitRepositories;
using Gyre.Kube;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;
using Gyre.Runtime.Reconcile;
using Gyre.Sources;
using Gyre.Sources.Artifacts;
using Gyre.Sources.Helm;

namespace Gyre.Controllers.HelmRepositories;

/// <summary>
/// source-controller's HelmRepository reconcile. Type default: fetch index.yaml (basic auth, custom CA, passCredentials
/// rules) → store it as <c>index-&lt;sha256&gt;.yaml</c> with revision <c>sha256:&lt;hex&gt;</c> unless the digest is unchanged
/// → status.artifact, status.url (index.yaml link), conditions, NewArtifact event. Type oci: log in to the registry to
/// check the credentials and report Ready "Helm repository is Ready" with no artifact, as the OCI HelmRepository
/// reconciler of source-controller v0.2x did.
/// </summary>
internal sealed class HelmRepositoryReconciler(
    KubeClient client, HelmRepositorySource source, ArtifactStore store, SourceStatus status) : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        if (await SourceObject.PrepareAsync(client, store, HelmRepositorySpec.Kind, request, cancellationToken).ConfigureAwait(false) is not { } prepared)
        {
            return ReconcileResult.Done;
        }

        var (resource, obj) = prepared;
        var spec = await status.ReadSpecAsync(resource, obj, HelmRepositorySpec.From, cancellationToken).ConfigureAwait(false);

        if (spec.Suspend)
        {
            return ReconcileResult.Done;
        }

        if (spec.Provider != "generic")
        {
            var message = $"{HelmRepositorySpec.Kind}/{obj.Namespace}/{obj.Name}: spec.provider '{spec.Provider}' is not supported by Gyre; use provider generic with spec.secretRef";
            await status.FailedAsync(resource, obj, ConditionTypes.FetchFailed, Reasons.InvalidSpec, message, stalled: true, cancellationToken).ConfigureAwait(false);
            throw new TerminalReconcileException(Reasons.InvalidSpec, message);
        }

        return await FetchAsync(resource, obj, spec, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReconcileResult> FetchAsync(ResourceClient resource, KubeObject obj, HelmRepositorySpec spec, CancellationToken cancellationToken)
    {
        var current = ArtifactStatus.FromJson(obj.Json["status"]?["artifact"]);
        HelmRepositoryResult result;
        try
        {
            var request = await new HelmRepositorySecrets(client).RequestAsync(obj, spec, cancellationToken).ConfigureAwait(false);
            result = await source.ReconcileAsync(request with
            {
                CurrentArtifact = current is null || spec.Type == "oci" ? null : GitRepositoryReconciler.ToArtifact(current),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (SourceException ex)
        {
            var stalled = SourceStatus.IsStalling(ex);
            await status.FailedAsync(resource, obj, ex.ConditionType, ex.Reason, ex.Message, stalled, cancellationToken).ConfigureAwait(false);
            if (stalled)
            {
                throw new TerminalReconcileException(ex.Reason, ex.Message, ex);
            }

            throw;
        }

        if (result.Artifact is not { } artifact)
        {
            await status.SucceededAsync(resource, obj, "Helm repository is Ready", hasArtifact: false, s =>
            {
                s.Remove("artifact");
                s.Remove("url");
            }, null, cancellationToken).ConfigureAwait(false);
            SourceObject.DeleteArtifacts(store, HelmRepositorySpec.Kind, obj);
            return ReconcileResult.Requeue(spec.Interval);
        }

        var newArtifact = result.Changed
            ? new NewArtifactEvent(artifact.Revision, $"stored fetched index of size {Size(artifact.Size)} from '{UrlRedactor.Redact(spec.Url)}'")
            : null;
        await status.SucceededAsync(resource, obj, $"stored artifact: revision '{artifact.Revision}'", hasArtifact: true, s =>
        {
            s["artifact"] = GitRepositoryReconciler.FromArtifact(artifact).ToJson();
            s["url"] = result.Url;
        }, newArtifact, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Requeue(spec.Interval);
    }

    /// <summary>A byte count as Flux's units.HumanSize prints it (e.g. 1.2kB, 3.4MB; decimal units).</summary>
    internal static string Size(long bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB"];
        var value = (double)bytes;
        var unit = 0;
        while (value >= 1000 && unit < units.Length - 1)
        {
            value /= 1000;
            unit++;
        }

        return value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + units[unit];
    }

}
