using System.Text.Json.Nodes;
using Gyre.Api.Kustomize;
using Gyre.Api.Meta;
using Gyre.Apply.Diff;
using Gyre.Apply.Ordering;
using Gyre.Controllers.Kustomizations;
using Gyre.Kube;
using Gyre.Kube.Discovery;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// Writes a release's objects to the cluster as helm-controller does with Helm 4: server-side apply with field manager
/// helm-controller (conflicts forced), namespaced objects without a namespace placed in the release namespace,
/// cluster definitions first; deletes what a new revision no longer renders (Helm's manifest diff, honouring
/// helm.sh/resource-policy: keep); waits with kstatus.
/// </summary>
internal sealed class ReleaseApplier(KubeClient client, TimeSpan pollInterval, TimeProvider time)
{
    public const string FieldManager = "helm-controller";
    private const string ResourcePolicy = "helm.sh/resource-policy";

    /// <summary>The objects with their namespace resolved against discovery (set when namespaced, removed when not).</summary>
    public async Task<IReadOnlyList<KubeObject>> ResolveAsync(IEnumerable<KubeObject> objects, string releaseNamespace, CancellationToken cancellationToken)
    {
        var resolved = new List<KubeObject>();
        foreach (var obj in objects)
        {
            var resource = await ResourceAsync(obj, cancellationToken).ConfigureAwait(false);
            var json = (JsonObject)obj.Json.DeepClone();
            var metadata = json["metadata"] as JsonObject ?? (JsonObject)(json["metadata"] = new JsonObject());
            if (resource?.Resource.Namespaced == false)
            {
                metadata.Remove("namespace");
            }
            else if (string.IsNullOrEmpty((string?)metadata["namespace"]))
            {
                metadata["namespace"] = releaseNamespace;
            }

            resolved.Add(new KubeObject(json));
        }

        return resolved;
    }

    /// <summary>
    /// Applies the objects stage by stage; an existing object is dry-run applied first and written only when the
    /// dry-run result differs from the live object (as the Kustomization's apply), so an unchanged object costs no write.
    /// </summary>
    public Task<IReadOnlyList<ChangeSetEntry>> ApplyAsync(IReadOnlyList<KubeObject> objects, bool force, CancellationToken cancellationToken) =>
        ApplyAsync(objects, force, [], cancellationToken);

    /// <summary>As <see cref="ApplyAsync(IReadOnlyList{KubeObject}, bool, CancellationToken)"/>, adding each object it creates to <paramref name="created"/> as it goes (kept when a later one fails).</summary>
    public Task<IReadOnlyList<ChangeSetEntry>> ApplyAsync(IReadOnlyList<KubeObject> objects, bool force, ICollection<KubeObject> created, CancellationToken cancellationToken) =>
        ApplyAsync(objects, force, created, null, null, cancellationToken);

    /// <summary>
    /// As <see cref="ApplyAsync(IReadOnlyList{KubeObject}, bool, ICollection{KubeObject}, CancellationToken)"/>, with the
    /// API server's <paramref name="fieldValidation"/> (Strict, Ignore, or null for the server's default) on every
    /// dry-run and write: Helm's OpenAPI validation of a release's objects, which disableOpenAPIValidation turns off.
    /// With <paramref name="clientSide"/> (serverSideApply disabled) every object is written Helm 3's way, without the
    /// dry-run comparison.
    /// </summary>
    public async Task<IReadOnlyList<ChangeSetEntry>> ApplyAsync(
        IReadOnlyList<KubeObject> objects, bool force, ICollection<KubeObject> created, string? fieldValidation, ClientSideApply? clientSide,
        CancellationToken cancellationToken)
    {
        var changes = new List<ChangeSetEntry>();
        foreach (var (stage, members) in ApplyStages.Split(objects))
        {
            foreach (var obj in members)
            {
                var resource = await RequireAsync(obj, cancellationToken).ConfigureAwait(false);
                var (live, dryRun) = clientSide is null
                    ? await CompareAsync(resource, obj, force, fieldValidation, cancellationToken).ConfigureAwait(false)
                    : (await ServerSideApplier.GetAsync(resource, resource.Resource.Namespaced ? obj.Namespace : null, obj.Name, cancellationToken).ConfigureAwait(false), new JsonObject());
                var fields = live is null || dryRun.Count == 0 ? [] : FieldDiff.Paths(live, dryRun);
                if (live is not null && dryRun.Count > 0 && fields.Count == 0)
                {
                    changes.Add(new ChangeSetEntry(obj.Ref, obj.Version, ApplyAction.Unchanged));
                    continue;
                }

                if (clientSide is null)
                {
                    await WriteAsync(resource, obj, force, fieldValidation, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await clientSide.WriteAsync(resource, obj, force, fieldValidation, cancellationToken).ConfigureAwait(false);
                }

                if (live is null)
                {
                    created.Add(obj);
                }

                changes.Add(new ChangeSetEntry(obj.Ref, obj.Version, live is null ? ApplyAction.Created : ApplyAction.Configured) { Fields = fields });
            }

            if (stage != ApplyStage.Resources)
            {
                // CRDs and Namespaces are ready before what needs them is applied, whatever the release's wait strategy.
                await ReleaseWaiter.Default(client, pollInterval, time).WaitAsync(members, TimeSpan.FromMinutes(1), waitForJobs: true, cancellationToken).ConfigureAwait(false);
            }
        }

        return changes;
    }

    /// <summary>
    /// The live object (null when absent) and what a server-side apply of <paramref name="obj"/> would make of it
    /// (dryRun=All; empty when only a recreate could apply it). Nothing is written.
    /// </summary>
    public static Task<(JsonObject? Live, JsonObject DryRun)> CompareAsync(ResourceClient resource, KubeObject obj, bool force, CancellationToken cancellationToken) =>
        CompareAsync(resource, obj, force, null, cancellationToken);

    private static async Task<(JsonObject? Live, JsonObject DryRun)> CompareAsync(
        ResourceClient resource, KubeObject obj, bool force, string? fieldValidation, CancellationToken cancellationToken)
    {
        var live = await ServerSideApplier.GetAsync(resource, resource.Resource.Namespaced ? obj.Namespace : null, obj.Name, cancellationToken).ConfigureAwait(false);
        if (live is null)
        {
            return (null, []);
        }

        return (live, await DryRunAsync(resource, obj, force, fieldValidation, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>What a server-side apply of <paramref name="obj"/> would store (dryRun=All); empty when only a recreate (force) could apply it.</summary>
    public static Task<JsonObject> DryRunAsync(ResourceClient resource, KubeObject obj, bool force, CancellationToken cancellationToken) =>
        DryRunAsync(resource, obj, force, null, cancellationToken);

    private static async Task<JsonObject> DryRunAsync(ResourceClient resource, KubeObject obj, bool force, string? fieldValidation, CancellationToken cancellationToken)
    {
        try
        {
            var options = new WriteOptions { FieldManager = FieldManager, Force = true, DryRun = true, FieldValidation = fieldValidation };
            return await resource.ApplyAsync(obj.Json, options, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsInvalid && force)
        {
            return [];
        }
        catch (KubeApiException ex) when (!ex.IsTransient)
        {
            throw new ReconcileStepException(Reasons.ReconciliationFailed, $"{obj.Ref}: dry-run apply failed: {ex.Reason}: {ex.Status.Message}", ex);
        }
    }

    /// <summary>The object's resource client; a kind the cluster does not serve fails naming the missing CRD.</summary>
    public async Task<ResourceClient> RequireAsync(KubeObject obj, CancellationToken cancellationToken) =>
        await ResourceAsync(obj, cancellationToken).ConfigureAwait(false)
        ?? throw new ReconcileStepException(Reasons.ReconciliationFailed,
            $"{obj.Ref}: no matches for kind \"{obj.Kind}\" in version \"{obj.ApiVersion}\"; install its CustomResourceDefinition first");

    /// <summary>Deletes objects (reverse apply order), skipping those with helm.sh/resource-policy: keep; returns what was deleted.</summary>
    public Task<IReadOnlyList<ObjectRef>> DeleteAsync(IEnumerable<KubeObject> objects, CancellationToken cancellationToken) =>
        DeleteAsync(objects, PropagationPolicy.Background, cancellationToken);

    /// <summary>Deletes objects with the given propagation (uninstall.deletionPropagation).</summary>
    public Task<IReadOnlyList<ObjectRef>> DeleteAsync(IEnumerable<KubeObject> objects, PropagationPolicy propagation, CancellationToken cancellationToken) =>
        DeleteInOrderAsync(ApplyOrder.Sort(objects).AsEnumerable().Reverse(), propagation, cancellationToken);

    /// <summary>Deletes objects one by one in the order given (Helm's uninstall passes its UninstallOrder), skipping kept ones.</summary>
    public async Task<IReadOnlyList<ObjectRef>> DeleteInOrderAsync(IEnumerable<KubeObject> objects, PropagationPolicy propagation, CancellationToken cancellationToken)
    {
        var deleted = new List<ObjectRef>();
        foreach (var obj in objects)
        {
            if (string.Equals(obj.GetAnnotation(ResourcePolicy), "keep", StringComparison.Ordinal) || await ResourceAsync(obj, cancellationToken).ConfigureAwait(false) is not { } resource)
            {
                continue;
            }

            try
            {
                await resource.DeleteAsync(resource.Resource.Namespaced ? obj.Namespace : null, obj.Name,
                    new DeleteOptions { PropagationPolicy = propagation }, cancellationToken).ConfigureAwait(false);
                deleted.Add(obj.Ref);
            }
            catch (KubeApiException ex) when (ex.IsNotFound)
            {
            }
            catch (KubeApiException ex) when (!ex.IsTransient)
            {
                throw new ReconcileStepException(Reasons.ReconciliationFailed, $"{obj.Ref}: delete failed: {ex.Reason}: {ex.Status.Message}", ex);
            }
        }

        return deleted;
    }

    /// <summary>How release objects are waited for (spec.waitStrategy, spec.healthCheckExprs); kstatus when not set.</summary>
    public ReleaseWaiter? Waiter { get; init; }

    /// <summary>Waits for every object with <see cref="Waiter"/>, Jobs until complete (Helm's --wait --wait-for-jobs).</summary>
    public Task WaitAsync(IEnumerable<KubeObject> objects, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitAsync(objects, timeout, waitForJobs: true, cancellationToken);

    /// <summary>Waits for every object with <see cref="Waiter"/>; <paramref name="waitForJobs"/> false is an action's disableWaitForJobs.</summary>
    public Task WaitAsync(IEnumerable<KubeObject> objects, TimeSpan timeout, bool waitForJobs, CancellationToken cancellationToken) =>
        (Waiter ?? ReleaseWaiter.Default(client, pollInterval, time)).WaitAsync(objects.ToList(), timeout, waitForJobs, cancellationToken);

    public static Task WriteAsync(ResourceClient resource, KubeObject obj, bool force, CancellationToken cancellationToken) =>
        WriteAsync(resource, obj, force, null, cancellationToken);

    private static async Task WriteAsync(ResourceClient resource, KubeObject obj, bool force, string? fieldValidation, CancellationToken cancellationToken)
    {
        var options = new WriteOptions { FieldManager = FieldManager, Force = true, FieldValidation = fieldValidation };
        try
        {
            await resource.ApplyAsync(obj.Json, options, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsInvalid && force)
        {
            // upgrade.force: an object whose immutable fields changed is deleted and created again (Helm's --force).
            await resource.DeleteAsync(resource.Resource.Namespaced ? obj.Namespace : null, obj.Name, new DeleteOptions { PropagationPolicy = PropagationPolicy.Background }, cancellationToken)
                .ConfigureAwait(false);
            await resource.ApplyAsync(obj.Json, options, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (!ex.IsTransient)
        {
            throw new ReconcileStepException(Reasons.ReconciliationFailed, $"{obj.Ref}: apply failed: {ex.Reason}: {ex.Status.Message}", ex);
        }
    }

    private async Task<ResourceClient?> ResourceAsync(KubeObject obj, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ForKindAsync(obj.ApiVersion, obj.Kind, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeMappingException)
        {
            return null;
        }
    }
}
