using System.Text.Json.Nodes;
using Gyre.Api;
using Gyre.Api.Meta;
using Gyre.Api.Source;
using Gyre.Controllers.Common;
using Gyre.Controllers.GitRepositories;
using Gyre.Controllers.Kustomizations;
using Gyre.Kube;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;
using Gyre.Runtime.Reconcile;
using Gyre.Sources.Artifacts;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.HelmCharts;

/// <summary>
/// source-controller's HelmChart reconcile: finalizer → suspend → build the chart from its source
/// (<see cref="HelmChartBuilder"/>) → store <c>&lt;chart&gt;-&lt;version&gt;.tgz</c> in the artifact store (only when the
/// revision or digest changed) → status.artifact, observed fields, conditions and an event → requeue at spec.interval.
/// </summary>
internal sealed class HelmChartReconciler(
    KubeClient client, ArtifactStore store, HttpClient http, string workDirectory, TimeSpan requeueDependency, EventRecorder events, TimeProvider time, ILogger logger)
    : IReconciler
{
    public const string ApiVersion = "source.toolkit.fluxcd.io/v1";

    private readonly HelmChartBuilder _builder = new(client, http, store, workDirectory);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var resource = await client.ForKindAsync(ApiVersion, HelmChartSpec.Kind, cancellationToken).ConfigureAwait(false);
        var obj = await ObjectReader.GetAsync(client, ApiVersion, HelmChartSpec.Kind, request.Namespace, request.Name, cancellationToken).ConfigureAwait(false);
        if (obj is null)
        {
            return ReconcileResult.Done;
        }

        var key = new ArtifactKey(HelmChartSpec.Kind, obj.Namespace!, obj.Name);
        if (obj.DeletionTimestamp is not null)
        {
            var directory = store.LocalPath(key.Directory);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            await Finalizers.RemoveAsync(resource, obj, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        obj = await Finalizers.AddAsync(resource, obj, cancellationToken).ConfigureAwait(false);
        HelmChartSpec spec;
        try
        {
            spec = HelmChartSpec.From(obj);
        }
        catch (ApiException ex)
        {
            await FailAsync(resource, obj, Reasons.InvalidSpec, ex.Message, stalled: true, cancellationToken).ConfigureAwait(false);
            throw new TerminalReconcileException(Reasons.InvalidSpec, ex.Message, ex);
        }

        if (spec.Suspend)
        {
            return ReconcileResult.Done;
        }

        if (spec.VerifyProvider is { } verify)
        {
            // Signature verification needs cosign/notation machinery Gyre does not have: refuse instead of skipping it.
            var message = $"HelmChart/{obj.Namespace}/{obj.Name}: spec.verify with provider '{verify}' is not supported by Gyre; remove spec.verify to pull the chart without signature verification";
            await FailAsync(resource, obj, "VerificationError", message, stalled: true, cancellationToken).ConfigureAwait(false);
            throw new TerminalReconcileException("VerificationError", message);
        }

        try
        {
            var built = await _builder.BuildAsync(obj, spec, cancellationToken).ConfigureAwait(false);
            await StoreAsync(resource, obj, spec, key, built, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Requeue(spec.Interval);
        }
        catch (ReconcileStepException ex) when (ex.Reason == Reasons.ArtifactFailed)
        {
            await FailAsync(resource, obj, ex.Reason, ex.Message, stalled: false, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Requeue(requeueDependency);
        }
        catch (ReconcileStepException ex)
        {
            await FailAsync(resource, obj, ex.Reason, ex.Message, stalled: false, cancellationToken).ConfigureAwait(false);
            throw; // retried with backoff, as source-controller does on errors
        }
        catch (TerminalReconcileException ex)
        {
            await FailAsync(resource, obj, ex.Reason, ex.Message, stalled: true, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    private async Task StoreAsync(ResourceClient resource, KubeObject obj, HelmChartSpec spec, ArtifactKey key, BuiltChart built, CancellationToken cancellationToken)
    {
        var current = ArtifactStatus.FromJson(obj.Json["status"]?["artifact"]);
        var package = built.Package;
        if (package is null && !built.Cached)
        {
            using var buffer = new MemoryStream();
            await built.Archive!.WritePackageAsync(buffer, cancellationToken).ConfigureAwait(false);
            package = buffer.ToArray();
        }

        var digest = package is null ? current?.Digest : "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(package));
        var changed = current is null || current.Revision != built.Version || current.Digest != digest || !store.Exists(GitRepositoryReconciler.ToArtifact(current));
        var artifact = current is not null && !changed
            ? GitRepositoryReconciler.ToArtifact(current)
            : await store.StoreAsync(key, $"{built.Name}-{built.Version}.tgz", built.Version, null,
                (stream, ct) => stream.WriteAsync(package!, ct).AsTask(), cancellationToken).ConfigureAwait(false);
        if (changed)
        {
            store.GarbageCollect(artifact);
        }

        var (status, conditions) = Start(obj);
        var now = time.GetUtcNow();
        conditions.Set(ConditionTypes.Ready, ConditionStatus.True, built.Reason, built.Message, obj.Generation, now);
        conditions.Set(ConditionTypes.ArtifactInStorage, ConditionStatus.True, built.Reason, built.Message, obj.Generation, now);
        foreach (var type in new[] { ConditionTypes.FetchFailed, "BuildFailed", ConditionTypes.Reconciling, ConditionTypes.Stalled, ConditionTypes.ArtifactOutdated })
        {
            conditions.Remove(type);
        }

        status["conditions"] = conditions.ToJson();
        status["observedGeneration"] = obj.Generation;
        status["observedChartName"] = built.Name;
        status["artifact"] = GitRepositoryReconciler.FromArtifact(artifact).ToJson();
        status["url"] = artifact.Url;
        if (built.SourceRevision is not null)
        {
            status["observedSourceArtifactRevision"] = built.SourceRevision;
        }
        else
        {
            status.Remove("observedSourceArtifactRevision");
        }

        if (spec.ValuesFiles.Count > 0)
        {
            status["observedValuesFiles"] = new JsonArray([.. spec.ValuesFiles.Select(v => (JsonNode)v)]);
        }
        else
        {
            status.Remove("observedValuesFiles");
        }

        await StatusWriter.PatchAsync(resource, obj, status, cancellationToken).ConfigureAwait(false);
        if (changed)
        {
            logger.LogInformation("HelmChart {Namespace}/{Name}: {Message}", obj.Namespace, obj.Name, built.Message);
            await events.RecordAsync(obj, EventRecorder.Normal, built.Reason, built.Message, built.Version, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FailAsync(ResourceClient resource, KubeObject obj, string reason, string message, bool stalled, CancellationToken cancellationToken)
    {
        var (status, conditions) = Start(obj);
        var now = time.GetUtcNow();
        conditions.Set(ConditionTypes.Ready, ConditionStatus.False, reason, message, obj.Generation, now);
        if (reason == "VerificationError")
        {
            conditions.Set("SourceVerified", ConditionStatus.False, reason, message, obj.Generation, now);
        }
        else
        {
            conditions.Set(reason is ChartReasons.ChartPackageError ? "BuildFailed" : ConditionTypes.FetchFailed, ConditionStatus.True, reason, message, obj.Generation, now);
        }

        if (stalled)
        {
            conditions.Set(ConditionTypes.Stalled, ConditionStatus.True, reason, message, obj.Generation, now);
            status["observedGeneration"] = obj.Generation;
        }

        status["conditions"] = conditions.ToJson();
        await StatusWriter.PatchAsync(resource, obj, status, cancellationToken).ConfigureAwait(false);
        logger.LogWarning("HelmChart {Namespace}/{Name} failed ({Reason}): {Message}", obj.Namespace, obj.Name, reason, message);
        await events.RecordAsync(obj, EventRecorder.Warning, reason, message, null, cancellationToken).ConfigureAwait(false);
    }

    private static (JsonObject Status, ConditionSet Conditions) Start(KubeObject obj)
    {
        var status = (obj.Json["status"] as JsonObject)?.DeepClone() as JsonObject ?? [];
        GitRepositoryReconciler.CopyRequestedAt(obj, status);
        return (status, ConditionSet.Read(status));
    }
}
