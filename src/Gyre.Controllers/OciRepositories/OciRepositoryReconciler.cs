using System.Text.Json.Nodes;
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
using Gyre.Sources.Oci;

namespace Gyre.Controllers.OciRepositories;

/// <summary>
/// source-controller's OCIRepository reconcile: finalizer → suspend → read spec and registry Secrets → resolve the
/// ref through <see cref="OciRepositorySource"/> (one HEAD when nothing changed, no download) → pull, select the
/// layer, extract or copy → status.artifact (revision <c>&lt;tag&gt;@sha256:&lt;digest&gt;</c>), url, observed fields,
/// conditions and a NewArtifact event → requeue at spec.interval. Failures keep the last good artifact.
/// </summary>
internal sealed class OciRepositoryReconciler(
    KubeClient client, OciRepositorySource source, ArtifactStore store, OciClientSettings settings, SourceStatus status) : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        if (await SourceObject.PrepareAsync(client, store, OciRepositorySpec.Kind, request, cancellationToken).ConfigureAwait(false) is not { } prepared)
        {
            return ReconcileResult.Done;
        }

        var (resource, obj) = prepared;
        var spec = await status.ReadSpecAsync(resource, obj, OciRepositorySpec.From, cancellationToken).ConfigureAwait(false);

        if (spec.Suspend)
        {
            return ReconcileResult.Done;
        }

        await RefuseUnsupportedAsync(resource, obj, spec, cancellationToken).ConfigureAwait(false);
        return await PullAsync(resource, obj, spec, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReconcileResult> PullAsync(ResourceClient resource, KubeObject obj, OciRepositorySpec spec, CancellationToken cancellationToken)
    {
        var current = ArtifactStatus.FromJson(obj.Json["status"]?["artifact"]);
        OciRepositoryResult result;
        try
        {
            var registry = OciReference.Parse(spec.Url, allowTagOrDigest: false).Registry;
            result = await source.ReconcileAsync(new OciRepositoryRequest
            {
                Key = new ArtifactKey(OciRepositorySpec.Kind, obj.Namespace!, obj.Name),
                Url = spec.Url,
                Tag = spec.Tag,
                Semver = spec.Semver,
                SemverFilter = spec.SemverFilter,
                Digest = spec.Digest,
                LayerMediaType = spec.LayerMediaType,
                LayerOperation = spec.LayerOperation,
                Ignore = spec.Ignore,
                Client = await settings.ReadAsync(obj, spec, registry, cancellationToken).ConfigureAwait(false),
                CurrentArtifact = current is null ? null : GitRepositoryReconciler.ToArtifact(current),
                ObservedContentConfig = ObservedContentConfig(obj),
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

        var revision = result.Artifact.Revision;
        var newArtifact = result.Changed ? new NewArtifactEvent(revision, $"stored artifact with revision '{revision}' from '{spec.Url}'") : null;
        await status.SucceededAsync(resource, obj, $"stored artifact for digest '{revision}'", hasArtifact: true, s =>
        {
            s["artifact"] = GitRepositoryReconciler.FromArtifact(result.Artifact).ToJson();
            s["url"] = result.Url;
            SetOrRemove(s, "observedIgnore", spec.Ignore is null ? null : JsonValue.Create(spec.Ignore));
            SetOrRemove(s, "observedLayerSelector", LayerSelector(obj));
        }, newArtifact, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Requeue(spec.Interval);
    }

    /// <summary>Cloud providers and signature verification need machinery Gyre does not have: say so instead of skipping them.</summary>
    private async Task RefuseUnsupportedAsync(ResourceClient resource, KubeObject obj, OciRepositorySpec spec, CancellationToken cancellationToken)
    {
        var where = $"{OciRepositorySpec.Kind}/{obj.Namespace}/{obj.Name}";
        var (type, reason, message) = spec.Provider != "generic"
            ? (ConditionTypes.FetchFailed, Reasons.InvalidSpec,
                $"{where}: spec.provider '{spec.Provider}' is not supported by Gyre; use provider generic with a docker-registry spec.secretRef")
            : spec.VerifyProvider is { } verify
                ? (ConditionTypes.SourceVerified, SourceReasons.VerificationError,
                    $"{where}: spec.verify with provider '{verify}' is not supported by Gyre; remove spec.verify to pull without signature verification")
                : default;
        if (message is not null)
        {
            await status.FailedAsync(resource, obj, type, reason, message, stalled: true, cancellationToken).ConfigureAwait(false);
            throw new TerminalReconcileException(reason, message);
        }
    }

    /// <summary>The content fingerprint of the artifact in status, from status.observedLayerSelector and observedIgnore.</summary>
    private static string? ObservedContentConfig(KubeObject obj)
    {
        var observed = obj.Json["status"];
        if (observed?["artifact"] is null)
        {
            return null;
        }

        return OciRepositorySource.ContentConfig(new OciRepositoryRequest
        {
            Key = new ArtifactKey(OciRepositorySpec.Kind, "-", "-"),
            Url = "",
            LayerMediaType = (string?)observed["observedLayerSelector"]?["mediaType"],
            LayerOperation = (string?)observed["observedLayerSelector"]?["operation"] ?? "extract",
            Ignore = (string?)observed["observedIgnore"],
        });
    }

    private static JsonNode? LayerSelector(KubeObject obj) => obj.Json["spec"]?["layerSelector"]?.DeepClone();

    private static void SetOrRemove(JsonObject status, string key, JsonNode? value)
    {
        if (value is null)
        {
            status.Remove(key);
        }
        else
        {
            status[key] = value;
        }
    }

}
