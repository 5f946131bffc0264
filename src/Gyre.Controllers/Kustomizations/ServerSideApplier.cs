using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Apply.Cleanup;
using Gyre.Apply.Diff;
using Gyre.Apply.Health;
using Gyre.Apply.Ordering;
using Gyre.Kube;
using Gyre.Kube.Discovery;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// fluxcd/pkg ssa ApplyAllStaged: stages in Flux's order (cluster definitions, then classes, each waited for, then the
/// rest); each object is dry-run applied and compared with the live one, and written only when that shows a change,
/// so an unchanged object costs reads and no write, and drift (kubectl edit/scale) shows up as "configured".
/// Apply is server-side with field manager kustomize-controller and conflicts forced.
/// </summary>
internal sealed class ServerSideApplier(KubeClient client, TimeSpan stageTimeout, TimeSpan pollInterval, TimeProvider time, IgnoreRules? ignore = null)
{
    public const string FieldManager = "kustomize-controller";

    public async Task<IReadOnlyList<ChangeSetEntry>> ApplyAsync(IReadOnlyList<KubeObject> objects, bool force, CancellationToken cancellationToken)
    {
        var changes = new List<ChangeSetEntry>();
        foreach (var (stage, members) in ApplyStages.Split(objects))
        {
            foreach (var obj in members)
            {
                changes.Add(await ApplyOneAsync(obj, force, cancellationToken).ConfigureAwait(false));
            }

            if (stage != ApplyStage.Resources)
            {
                await WaitForStageAsync(members, cancellationToken).ConfigureAwait(false);
            }
        }

        return changes;
    }

    private async Task<ChangeSetEntry> ApplyOneAsync(KubeObject obj, bool force, CancellationToken cancellationToken)
    {
        var ssa = obj.GetAnnotation(FluxAnnotations.Ssa) ?? obj.GetLabel(FluxAnnotations.Ssa);
        if (string.Equals(obj.GetAnnotation(FluxAnnotations.Reconcile) ?? obj.GetLabel(FluxAnnotations.Reconcile), "disabled", StringComparison.OrdinalIgnoreCase)
            || string.Equals(ssa, "Ignore", StringComparison.OrdinalIgnoreCase))
        {
            return new ChangeSetEntry(obj.Ref, obj.Version, ApplyAction.Skipped);
        }

        var resource = await ResourceAsync(obj, cancellationToken).ConfigureAwait(false);
        var ns = resource.Resource.Namespaced ? obj.Namespace : null;
        if (resource.Resource.Namespaced && string.IsNullOrEmpty(ns))
        {
            throw new ReconcileStepException(Reasons.ReconciliationFailed, $"{obj.Ref}: namespace not specified; set metadata.namespace or spec.targetNamespace");
        }

        var existing = await GetAsync(resource, ns, obj.Name, cancellationToken).ConfigureAwait(false);
        if (existing is not null && string.Equals(ssa, "IfNotPresent", StringComparison.OrdinalIgnoreCase))
        {
            return new ChangeSetEntry(obj.Ref, obj.Version, ApplyAction.Skipped);
        }

        IReadOnlyList<string> fields = [];
        if (existing is not null && ignore is { IsEmpty: false })
        {
            obj = ignore.Apply(obj, existing);
        }

        if (existing is not null)
        {
            var dryRun = await WriteAsync(resource, obj, dryRun: true, force, cancellationToken).ConfigureAwait(false);
            // An empty dry-run result means the change needs a recreate (force); there is no field list to give.
            fields = dryRun.Count == 0 ? [] : FieldDiff.Paths(existing, dryRun);
            var cleaned = await CleanupAsync(resource, ns, obj, existing, cancellationToken).ConfigureAwait(false);
            if (!cleaned && dryRun.Count > 0 && fields.Count == 0)
            {
                return new ChangeSetEntry(obj.Ref, obj.Version, ApplyAction.Unchanged);
            }

            if (cleaned)
            {
                // The dry-run ran before kubectl's fields were handed over; the real apply shows what was removed.
                var applied = await WriteAsync(resource, obj, dryRun: false, force, cancellationToken).ConfigureAwait(false);
                return new ChangeSetEntry(obj.Ref, obj.Version, ApplyAction.Configured) { Fields = applied.Count == 0 ? fields : FieldDiff.Paths(existing, applied) };
            }
        }

        await WriteAsync(resource, obj, dryRun: false, force, cancellationToken).ConfigureAwait(false);
        return new ChangeSetEntry(obj.Ref, obj.Version, existing is null ? ApplyAction.Created : ApplyAction.Configured) { Fields = fields };
    }

    /// <summary>Flux's managed-fields cleanup (skipped for ssa: Merge); true when the live object was patched.</summary>
    private static async Task<bool> CleanupAsync(ResourceClient resource, string? ns, KubeObject obj, JsonObject existing, CancellationToken cancellationToken)
    {
        if (ManagedFieldsCleanup.Patch(obj.Json, existing, FieldManager) is not { } patch)
        {
            return false;
        }

        try
        {
            await resource.PatchAsync(ns, obj.Name, PatchType.Json, patch.ToJsonString(), new WriteOptions { FieldManager = FieldManager }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KubeApiException ex) when (!ex.IsTransient)
        {
            throw new ReconcileStepException(Reasons.ReconciliationFailed, $"{obj.Ref} metadata.managedFields cleanup failed: {ex.Reason}: {ex.Status.Message}", ex);
        }
    }

    private async Task<JsonObject> WriteAsync(ResourceClient resource, KubeObject obj, bool dryRun, bool force, CancellationToken cancellationToken)
    {
        var options = new WriteOptions { FieldManager = FieldManager, Force = true, DryRun = dryRun };
        try
        {
            return await resource.ApplyAsync(obj.Json, options, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsInvalid && (force || IsForceEnabled(obj)))
        {
            // As Flux with spec.force: an immutable field cannot be patched, so the object is recreated.
            if (dryRun)
            {
                return [];
            }

            await resource.DeleteAsync(resource.Resource.Namespaced ? obj.Namespace : null, obj.Name, new DeleteOptions { PropagationPolicy = PropagationPolicy.Background }, cancellationToken)
                .ConfigureAwait(false);
            await WaitGoneAsync(resource, obj, cancellationToken).ConfigureAwait(false);
            return await resource.ApplyAsync(obj.Json, options, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (!ex.IsTransient)
        {
            throw new ReconcileStepException(Reasons.ReconciliationFailed, $"{obj.Ref} {(dryRun ? "dry-run " : string.Empty)}failed: {ex.Reason}: {ex.Status.Message}", ex);
        }
    }

    private async Task WaitGoneAsync(ResourceClient resource, KubeObject obj, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + stageTimeout;
        while (await GetAsync(resource, resource.Resource.Namespaced ? obj.Namespace : null, obj.Name, cancellationToken).ConfigureAwait(false) is not null)
        {
            if (time.GetUtcNow() > deadline)
            {
                throw new ReconcileStepException(Reasons.ReconciliationFailed, $"{obj.Ref}: timed out waiting for deletion before recreating it");
            }

            await Task.Delay(pollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    // Flux waits for CRDs to be Established and Namespaces Active before applying what needs them.
    private async Task WaitForStageAsync(IReadOnlyList<KubeObject> members, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + stageTimeout;
        foreach (var obj in members)
        {
            var resource = await ResourceAsync(obj, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var live = await GetAsync(resource, resource.Resource.Namespaced ? obj.Namespace : null, obj.Name, cancellationToken).ConfigureAwait(false);
                if (live is not null && HealthCheck.Compute(new KubeObject(live)).Status == HealthStatus.Current)
                {
                    break;
                }

                if (time.GetUtcNow() > deadline)
                {
                    throw new ReconcileStepException(Reasons.ReconciliationFailed, $"{obj.Ref} did not become ready within {stageTimeout.TotalSeconds}s after apply");
                }

                await Task.Delay(pollInterval, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<ResourceClient> ResourceAsync(KubeObject obj, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ForKindAsync(obj.ApiVersion, obj.Kind, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeMappingException ex)
        {
            throw new ReconcileStepException(Reasons.ReconciliationFailed,
                $"{obj.Ref}: no matches for kind \"{obj.Kind}\" in version \"{obj.ApiVersion}\"; install its CustomResourceDefinition first", ex);
        }
    }

    internal static async Task<JsonObject?> GetAsync(ResourceClient resource, string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await resource.GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    private static bool IsForceEnabled(KubeObject obj) =>
        string.Equals(obj.GetAnnotation(FluxAnnotations.Force) ?? obj.GetLabel(FluxAnnotations.Force), "enabled", StringComparison.OrdinalIgnoreCase);
}
