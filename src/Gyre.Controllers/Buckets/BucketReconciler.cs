using System.Text.Json.Nodes;
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
using Gyre.Sources.Buckets;

namespace Gyre.Controllers.Buckets;

/// <summary>
/// source-controller's Bucket reconcile: finalizer → suspend → refuse what Gyre cannot do (gcp, sts, workload
/// identity) → S3 or Azure Blob client from spec and Secrets → <see cref="BucketSource"/> within spec.timeout (HeadBucket, the root
/// .sourceignore, ListObjectsV2 → index revision; no download when it and spec.ignore are unchanged) →
/// status.artifact, url, observedIgnore, conditions and a NewArtifact event → requeue at spec.interval. Failures keep
/// the last good artifact.
/// </summary>
internal sealed class BucketReconciler(KubeClient client, BucketSource source, ArtifactStore store, BucketClientSettings settings, SourceStatus status)
    : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        if (await SourceObject.PrepareAsync(client, store, BucketSpec.Kind, request, cancellationToken).ConfigureAwait(false) is not { } prepared)
        {
            return ReconcileResult.Done;
        }

        var (resource, obj) = prepared;
        var spec = await status.ReadSpecAsync(resource, obj, BucketSpec.From, cancellationToken).ConfigureAwait(false);
        if (spec.Suspend)
        {
            return ReconcileResult.Done;
        }

        await RefuseUnsupportedAsync(resource, obj, spec, cancellationToken).ConfigureAwait(false);
        BucketResult result;
        try
        {
            result = await FetchAsync(obj, spec, cancellationToken).ConfigureAwait(false);
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
        var newArtifact = result.Changed
            ? new NewArtifactEvent(revision, $"stored artifact with {result.ObjectCount} fetched files from '{spec.BucketName}' bucket")
            : null;
        await status.SucceededAsync(resource, obj, $"stored artifact: revision '{revision}'", hasArtifact: true, s =>
        {
            s["artifact"] = GitRepositoryReconciler.FromArtifact(result.Artifact).ToJson();
            s["url"] = result.Url;
            if (spec.Ignore is null)
            {
                s.Remove("observedIgnore");
            }
            else
            {
                s["observedIgnore"] = spec.Ignore;
            }
        }, newArtifact, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Requeue(spec.Interval);
    }

    private async Task<BucketResult> FetchAsync(KubeObject obj, BucketSpec spec, CancellationToken cancellationToken)
    {
        var current = ArtifactStatus.FromJson(obj.Json["status"]?["artifact"]);
        var request = new BucketRequest
        {
            Key = new ArtifactKey(BucketSpec.Kind, obj.Namespace!, obj.Name),
            Prefix = spec.Prefix,
            Ignore = spec.Ignore,
            CurrentArtifact = current is null ? null : GitRepositoryReconciler.ToArtifact(current),
            ObservedIgnore = (string?)obj.Json["status"]?["observedIgnore"],
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(spec.Timeout);
        try
        {
            using var bucket = await settings.CreateAsync(obj, spec, timeout.Token).ConfigureAwait(false);
            return await source.ReconcileAsync(request, bucket, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new SourceException($"{BucketSpec.Kind}/{obj.Namespace}/{obj.Name}", $"fetching bucket '{spec.BucketName}'",
                $"not done within spec.timeout ({spec.Timeout.TotalSeconds:0}s); raise spec.timeout for large buckets", SourceReasons.BucketOperationFailed,
                isTransient: true, ex);
        }
    }

    /// <summary>What needs machinery Gyre does not have stalls with a message that says so, instead of being skipped.</summary>
    private async Task RefuseUnsupportedAsync(ResourceClient resource, KubeObject obj, BucketSpec spec, CancellationToken cancellationToken)
    {
        var where = $"{BucketSpec.Kind}/{obj.Namespace}/{obj.Name}";
        var (reason, message) = spec.Provider is "gcp"
            ? (BucketReasons.InvalidProviderConfiguration, $"{where}: provider gcp is not supported by Gyre; "
                + "use provider generic with endpoint storage.googleapis.com and HMAC keys in spec.secretRef (accesskey, secretkey)")
            : spec.StsProvider is { } sts
                ? (BucketReasons.InvalidStsConfiguration, $"{where}: spec.sts (provider {sts}) is not supported by Gyre; remove it and put static keys in spec.secretRef")
                : spec.ServiceAccountName is { } account
                    ? (BucketReasons.InvalidProviderConfiguration,
                        $"{where}: spec.serviceAccountName '{account}' (workload identity) is not supported by Gyre; use spec.secretRef with accesskey and secretkey")
                    : default;
        if (message is not null)
        {
            await status.FailedAsync(resource, obj, ConditionTypes.FetchFailed, reason, message, stalled: true, cancellationToken).ConfigureAwait(false);
            throw new TerminalReconcileException(reason, message);
        }
    }
}
