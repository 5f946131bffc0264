using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Api;
using Gyre.Api.Image;
using Gyre.Api.Meta;
using Gyre.Controllers.Common;
using Gyre.Controllers.OciRepositories;
using Gyre.Images;
using Gyre.Images.Scanning;
using Gyre.Kube;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;
using Gyre.Runtime.Reconcile;
using Gyre.Sources;

namespace Gyre.Controllers.ImageRepositories;

/// <summary>
/// image-reflector-controller's ImageRepository reconcile: finalizer → suspend → spec, provider, image name and
/// exclusion list (faults stall naming the field) → scan when <see cref="ScanSchedule"/> says so: registry Secrets,
/// list every tag, drop excluded ones, store them in <see cref="TagStore"/> → status canonicalImageName,
/// lastScanResult, observedExclusionList and Ready "successful scan: found N tags" → requeue for the next scan.
/// </summary>
internal sealed class ImageRepositoryReconciler(KubeClient client, TagStore store, OciClientSettings settings, ImageStatus status, TimeProvider time)
    : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        if (await ImageObject.PrepareAsync(client, ImageRepositorySpec.ApiVersion, ImageRepositorySpec.Kind, request,
                () => store.Delete(request.Namespace, request.Name), cancellationToken).ConfigureAwait(false) is not { } prepared)
        {
            return ReconcileResult.Done;
        }

        var (resource, obj) = prepared;

        ImageRepositorySpec spec;
        try
        {
            spec = ImageRepositorySpec.From(obj);
        }
        catch (ApiException ex)
        {
            var reason = ex.Field == "spec.image" ? ImageReasons.ImageUrlInvalid : Reasons.InvalidSpec;
            throw await status.FailedAsync(resource, obj, reason, ex.Message, stalled: true, ex, cancellationToken).ConfigureAwait(false);
        }

        if (spec.Suspend)
        {
            return ReconcileResult.Done;
        }

        var (image, exclusions) = await ValidateAsync(resource, obj, spec, cancellationToken).ConfigureAwait(false);
        var (now, wait, _) = ScanSchedule.Decide(obj, spec, image, store.Get(obj.Namespace!, obj.Name) is not null, time.GetUtcNow());
        if (!now)
        {
            return ReconcileResult.Requeue(wait);
        }

        ScanResult result;
        try
        {
            var options = await settings.ReadAsync(obj, Access(spec), image.Registry, cancellationToken).ConfigureAwait(false);
            result = await TagScanner.ScanAsync(image, exclusions, options, cancellationToken).ConfigureAwait(false);
        }
        catch (SourceException ex)
        {
            var message = $"failed to configure authentication options: {ex.Message}";
            throw await status.FailedAsync(resource, obj, ImageReasons.AuthenticationFailed, message, stalled: false, ex, cancellationToken).ConfigureAwait(false);
        }
        catch (ImageException ex)
        {
            throw await status.FailedAsync(resource, obj, ex.Reason, ex.Message, stalled: false, ex, cancellationToken).ConfigureAwait(false);
        }

        store.Set(obj.Namespace!, obj.Name, result.Tags);
        await status.SucceededAsync(resource, obj, $"successful scan: found {result.Tags.Count} tags", s =>
        {
            s["canonicalImageName"] = image.Canonical;
            s["observedExclusionList"] = new JsonArray([.. spec.ExclusionList.Select(p => (JsonNode?)JsonValue.Create(p))]);
            s["lastScanResult"] = new JsonObject
            {
                ["revision"] = result.Revision,
                ["tagCount"] = result.Tags.Count,
                ["scanTime"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["latestTags"] = new JsonArray([.. result.LatestTags.Select(t => (JsonNode?)JsonValue.Create(t))]),
            };
        }, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Requeue(spec.Interval);
    }

    /// <summary>What retrying cannot fix: a cloud provider, an invalid image name or exclusion pattern.</summary>
    private async Task<(ImageName Image, ExclusionList Exclusions)> ValidateAsync(
        ResourceClient resource, KubeObject obj, ImageRepositorySpec spec, CancellationToken cancellationToken)
    {
        var where = $"{ImageRepositorySpec.Kind}/{obj.Namespace}/{obj.Name}";
        try
        {
            if (spec.Provider != "generic")
            {
                throw new ImageException(where, "spec.provider", $"provider '{spec.Provider}' is not supported here (no cloud workload identity in Gyre); " +
                    "use provider generic with a docker-registry spec.secretRef", Reasons.InvalidSpec, "spec.provider");
            }

            return (ImageName.Parse(spec.Image), ExclusionList.Compile(spec.ExclusionList, where));
        }
        catch (ImageException ex)
        {
            throw await status.FailedAsync(resource, obj, ex.Reason, ex.Message, stalled: true, ex, cancellationToken).ConfigureAwait(false);
        }
    }

    private static RegistryAccess Access(ImageRepositorySpec spec) =>
        new(spec.SecretRef, spec.ServiceAccountName, spec.CertSecretRef, spec.ProxySecretRef, spec.Insecure, spec.Timeout);
}
