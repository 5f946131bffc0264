using System.Text.Json.Nodes;
using Gyre.Api;
using Gyre.Api.Helm;
using Gyre.Api.Meta;
using Gyre.Controllers.Common;
using Gyre.Controllers.Kustomizations;
using Gyre.Helm.Storage;
using Gyre.Kube;
using Gyre.Kube.Config;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;
using Gyre.Runtime.Reconcile;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// helm-controller's HelmRelease reconcile, top to bottom: finalizer (uninstall on delete) → suspend → dependsOn →
/// chart source (the generated HelmChart or chartRef) → load the chart → compose values → <see cref="AtomicRelease"/>
/// (install, upgrade, test, remediate) → status (conditions, counters, history) and events → requeue at interval.
/// </summary>
internal sealed class HelmReleaseReconciler(
    KubeClient client, HelmReleaseReconcilerOptions options, HttpClient http, EventRecorder events, TimeProvider time, ILogger logger) : IReconciler
{
    private readonly ChartSourceResolver _sources = new(client);
    private readonly ChartArtifactLoader _loader = new(http);
    private readonly ClusterCapabilities _capabilities = new(time);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var resource = await client.ForKindAsync(HelmReleaseSpec.ApiVersion, HelmReleaseSpec.Kind, cancellationToken).ConfigureAwait(false);
        var obj = await ObjectReader.GetAsync(client, HelmReleaseSpec.ApiVersion, HelmReleaseSpec.Kind, request.Namespace, request.Name, cancellationToken).ConfigureAwait(false);
        if (obj is null)
        {
            return ReconcileResult.Done;
        }

        if (obj.DeletionTimestamp is not null)
        {
            await FinalizeAsync(obj, cancellationToken).ConfigureAwait(false);
            await Finalizers.RemoveAsync(resource, obj, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        obj = await Finalizers.AddAsync(resource, obj, cancellationToken).ConfigureAwait(false);
        var status = new HelmReleaseStatus(obj, time);
        HelmReleaseSpec spec;
        try
        {
            spec = HelmReleaseSpec.From(obj);
        }
        catch (ApiException ex)
        {
            status.Set(ConditionTypes.Ready, false, Reasons.InvalidSpec, ex.Message);
            status.Set(ConditionTypes.Stalled, true, Reasons.InvalidSpec, ex.Message);
            await status.WriteAsync(resource, observed: true, cancellationToken).ConfigureAwait(false);
            await events.RecordAsync(obj, EventRecorder.Warning, Reasons.InvalidSpec, ex.Message, null, cancellationToken).ConfigureAwait(false);
            throw new TerminalReconcileException(Reasons.InvalidSpec, ex.Message, ex);
        }

        if (spec.Suspend)
        {
            return ReconcileResult.Done;
        }

        try
        {
            return await ReleaseAsync(resource, obj, spec, status, cancellationToken).ConfigureAwait(false);
        }
        catch (ReconcileStepException ex)
        {
            status.Set(ConditionTypes.Ready, false, ex.Reason, ex.Message);
            await status.WriteAsync(resource, observed: false, cancellationToken).ConfigureAwait(false);
            var waiting = ex.Reason is Reasons.ArtifactFailed or Reasons.DependencyNotReady;
            logger.LogWarning("HelmRelease {Namespace}/{Name} not reconciled ({Reason}): {Message}", obj.Namespace, obj.Name, ex.Reason, ex.Message);
            await events.RecordAsync(obj, waiting ? EventRecorder.Normal : EventRecorder.Warning, ex.Reason, ex.Message, null, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Requeue(waiting ? options.RequeueDependency : spec.Interval);
        }
        catch (TerminalReconcileException ex)
        {
            status.Set(ConditionTypes.Ready, false, ex.Reason, ex.Message);
            status.Set(ConditionTypes.Stalled, true, ex.Reason, ex.Message);
            await status.WriteAsync(resource, observed: true, cancellationToken).ConfigureAwait(false);
            await events.RecordAsync(obj, EventRecorder.Warning, ex.Reason, ex.Message, null, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<ReconcileResult> ReleaseAsync(ResourceClient resource, KubeObject obj, HelmReleaseSpec spec, HelmReleaseStatus status, CancellationToken cancellationToken)
    {
        var healthChecks = HealthCheckExpressions.Compile(spec.HealthCheckExprs);
        if (spec.Chart is { } chartTemplate)
        {
            CrossNamespaceRefs.Check(options.NoCrossNamespaceRefs, obj, chartTemplate.SourceKind, chartTemplate.SourceNamespace, chartTemplate.SourceName);
        }
        else if (spec.ChartRef is { } chartRef)
        {
            CrossNamespaceRefs.Check(options.NoCrossNamespaceRefs, obj, chartRef.Kind, chartRef.Namespace, chartRef.Name);
        }

        if (spec.Rollback.Recreate)
        {
            logger.LogWarning("HelmRelease {Namespace}/{Name}: spec.rollback.recreate is deprecated and has no effect", obj.Namespace, obj.Name);
        }

        await new HelmReleaseDependencies(client).CheckAsync(obj, spec, cancellationToken).ConfigureAwait(false);
        var source = await _sources.ResolveAsync(obj, spec, cancellationToken).ConfigureAwait(false);
        if (source.HelmChart is { } helmChart)
        {
            status.Json["helmChart"] = helmChart;
        }
        else
        {
            status.Json.Remove("helmChart"); // chartRef: no generated HelmChart (any former one was deleted)
        }

        status.Json["storageNamespace"] = spec.StorageNamespace;
        var chart = await _loader.LoadAsync(source, cancellationToken).ConfigureAwait(false);
        var values = await ValuesComposer.ComposeAsync(client, obj.Namespace!, spec, cancellationToken).ConfigureAwait(false);
        var revision = chart.Metadata.Version;
        var configDigest = ValuesComposer.Digest(values);
        status.ResetWhenChanged(revision, configDigest);
        ChartSourceResolver.SetRevisionDigest(status.Json, source);
        var forceAt = obj.GetAnnotation("reconcile.fluxcd.io/forceAt");
        var force = forceAt is not null && forceAt == obj.GetAnnotation(FluxAnnotations.RequestedAt) && (string?)status.Json["lastHandledForceAt"] != forceAt;
        if (force)
        {
            status.Json["lastHandledForceAt"] = forceAt;
        }

        using var target = await ApplyTarget.OpenAsync(
            client, obj.Namespace!, spec.KubeConfig, spec.ServiceAccountName, options.DefaultServiceAccount, cancellationToken).ConfigureAwait(false);
        try
        {
            var kube = target.Client;
            var store = new ReleaseStore(kube, spec.StorageNamespace, time);
            var applier = new ReleaseApplier(kube, options.PollInterval, time)
            {
                Waiter = new ReleaseWaiter(kube, options.PollInterval, time, spec.WaitStrategy, healthChecks),
            };
            var hooks = new HookRunner(kube, applier, obj.Name, obj.Namespace!, options.PollInterval, time) { LabelHooks = spec.PostRenderStrategy != PostRenderStrategy.NoHooks };
            var cluster = target.IsRemote ? $"kubeConfig {obj.Namespace}/{spec.KubeConfig!.SecretName}" : "local";
            var request = new ReleaseRequest(chart, values, spec, obj.Name, obj.Namespace!)
            {
                Capabilities = await _capabilities.GetAsync(kube, cluster, cancellationToken).ConfigureAwait(false),
                ReadCapabilities = ct => _capabilities.GetAsync(kube, cluster, ct),
                Lookup = new ClusterLookup(kube),
            };
            var atomic = new AtomicRelease(store, new ReleaseActions(store, applier, hooks, time), status, new ReleaseDrift(applier));
            var ready = await atomic.RunAsync(request, chart.Metadata.Version, configDigest, force, cancellationToken).ConfigureAwait(false);
            var history = await store.HistoryAsync(spec.ReleaseName, cancellationToken).ConfigureAwait(false);
            status.SetHistory(history, source.OciDigest, spec.TestIgnoreFailures);
            var current = ReleaseHistory.Latest(history);
            status.SetInventory(current is null || current.Info.Status == ReleaseStatus.Uninstalled
                ? null
                : await applier.ResolveAsync(ReleaseManifest.Parse(current.Manifest).Select(d => d.Object).Concat(ReleaseManifest.ChartCrds(chart)), current.Namespace, cancellationToken)
                    .ConfigureAwait(false));
            await status.WriteAsync(resource, observed: true, cancellationToken).ConfigureAwait(false);
            await RecordAsync(obj, status, ready, revision, cancellationToken).ConfigureAwait(false);
            return status.Conditions.IsTrue(ConditionTypes.Stalled) ? ReconcileResult.Done : ReconcileResult.Requeue(atomic.RetryAfter ?? spec.Interval);
        }
        catch (KubeApiException ex) when (ex.IsForbidden)
        {
            throw new ReconcileStepException(Reasons.ReconciliationFailed, ex.Message, ex);
        }
    }

    private async Task RecordAsync(KubeObject obj, HelmReleaseStatus status, bool ready, string revision, CancellationToken cancellationToken)
    {
        foreach (var change in status.Changes)
        {
            var warning = change.IsTrue == (change.Type == ConditionTypes.Stalled);
            await events.RecordAsync(obj, warning ? EventRecorder.Warning : EventRecorder.Normal, change.Reason, change.Message, revision, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (warning, reason, message) in status.Notes)
        {
            await events.RecordAsync(obj, warning ? EventRecorder.Warning : EventRecorder.Normal, reason, message, revision, cancellationToken).ConfigureAwait(false);
        }

        if (status.Changes.Count > 0)
        {
            logger.LogInformation("HelmRelease {Namespace}/{Name} reconciled revision {Revision}: ready={Ready}", obj.Namespace, obj.Name, revision, ready);
        }
    }

    /// <summary>On deletion: uninstall the release (unless suspended) and delete the generated HelmChart, as helm-controller does.</summary>
    private async Task FinalizeAsync(KubeObject obj, CancellationToken cancellationToken)
    {
        HelmReleaseSpec spec;
        try
        {
            spec = HelmReleaseSpec.From(obj);
        }
        catch (ApiException)
        {
            return; // Nothing was ever installed from an invalid spec.
        }

        if (!spec.Suspend)
        {
            ApplyTarget? target = null;
            try
            {
                target = await ApplyTarget.OpenAsync(client, obj.Namespace!, spec.KubeConfig, spec.ServiceAccountName, options.DefaultServiceAccount, cancellationToken).ConfigureAwait(false);
            }
            catch (ReconcileStepException ex)
            {
                // As the Kustomization: an unreachable remote cluster must not keep the HelmRelease from being deleted.
                logger.LogWarning("HelmRelease {Namespace}/{Name}: uninstall skipped: {Message}", obj.Namespace, obj.Name, ex.Message);
                await events.RecordAsync(obj, EventRecorder.Warning, HelmReleaseReasons.UninstallFailed, $"uninstall skipped: {ex.Message}", null, cancellationToken).ConfigureAwait(false);
            }

            if (target is not null)
            {
                using (target)
                {
                    var kube = target.Client;
                    var store = new ReleaseStore(kube, spec.StorageNamespace, time);
                    var applier = new ReleaseApplier(kube, options.PollInterval, time);
                    var actions = new ReleaseActions(store, applier, new HookRunner(kube, applier, obj.Name, obj.Namespace!, options.PollInterval, time) { LabelHooks = spec.PostRenderStrategy != PostRenderStrategy.NoHooks }, time);
                    await actions.UninstallAsync(await store.HistoryAsync(spec.ReleaseName, cancellationToken).ConfigureAwait(false), spec, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        if (spec.Chart is { } chart)
        {
            await _sources.DeleteHelmChartAsync(obj, chart.SourceNamespace, cancellationToken).ConfigureAwait(false);
        }
    }
}
