using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Controllers.Kustomizations;
using Gyre.Helm.Storage;
using Gyre.Kube;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// Runs a release's hooks for one event as Helm's execHook does: by weight then name; an existing hook object is
/// deleted first under before-hook-creation (the default policy); Jobs are waited for until complete and Pods until
/// they succeed. A failed hook fails the action and is deleted under hook-failed; hook-succeeded deletes once every
/// hook of the event has succeeded, in reverse order. CustomResourceDefinition hooks are never deleted.
/// </summary>
internal sealed class HookRunner(KubeClient client, ReleaseApplier applier, string ownerName, string ownerNamespace, TimeSpan pollInterval, TimeProvider time)
{
    /// <summary>
    /// Whether hooks get helm-controller's origin labels: they come from its post-renderer, which postRenderStrategy
    /// nohooks keeps away from hooks.
    /// </summary>
    public bool LabelHooks { get; init; } = true;

    public Task<IReadOnlyList<ReleaseHook>> RunAsync(IReadOnlyList<ReleaseHook> hooks, string hookEvent, string releaseNamespace, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAsync(hooks, hookEvent, releaseNamespace, timeout, _ => true, cancellationToken);

    /// <summary>Runs the hooks of <paramref name="hookEvent"/> that <paramref name="select"/> accepts (test.filters).</summary>
    public async Task<IReadOnlyList<ReleaseHook>> RunAsync(
        IReadOnlyList<ReleaseHook> hooks, string hookEvent, string releaseNamespace, TimeSpan timeout, Func<ReleaseHook, bool> select, CancellationToken cancellationToken)
    {
        var result = hooks.ToList();
        var executing = result.Where(h => h.Events.Contains(hookEvent) && select(h)).OrderBy(h => h.Weight).ThenBy(h => h.Name, StringComparer.Ordinal).ToList();
        var succeeded = new List<(KubeObject Object, IReadOnlyList<string> Policies)>();
        foreach (var hook in executing)
        {
            var parsed = KubeObject.Parse(hook.Manifest, hook.Path);
            var obj = LabelHooks ? ReleaseManifest.Label(parsed, ownerName, ownerNamespace) : parsed;
            obj = (await applier.ResolveAsync([obj], releaseNamespace, cancellationToken).ConfigureAwait(false))[0];
            var policies = hook.DeletePolicies.Count == 0 ? ["before-hook-creation"] : hook.DeletePolicies;
            if (Deletable(obj, policies, "before-hook-creation"))
            {
                await DeleteAndWaitAsync(obj, timeout, cancellationToken).ConfigureAwait(false);
            }

            var started = time.GetUtcNow();
            var index = result.IndexOf(hook);
            string? failure = null;
            try
            {
                // Hooks are always validated against the cluster's schemas, as Helm's execHook builds them.
                await applier.ApplyAsync([obj], force: false, [], "Strict", null, cancellationToken).ConfigureAwait(false);
                failure = await WaitAsync(obj, timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (ReconcileStepException ex)
            {
                failure = ex.Message;
            }

            result[index] = hook with { LastRun = new HookExecution(started, time.GetUtcNow(), failure is null ? HookExecution.Succeeded : HookExecution.Failed) };
            if (failure is not null)
            {
                // As Helm's execHook: only the failed hook is deleted (hook-failed); the ones that succeeded before it stay.
                if (Deletable(obj, policies, "hook-failed"))
                {
                    await applier.DeleteAsync([obj], cancellationToken).ConfigureAwait(false);
                }

                throw new HookFailedException(hookEvent, result, $"{hookEvent} hook {obj.Kind}/{obj.Name} failed: {failure}");
            }

            succeeded.Add((obj, policies));
        }

        // hook-succeeded deletes only once every hook of the event has succeeded, last one first (a later hook, such as a
        // Job, may need an earlier one, such as its ServiceAccount).
        for (var i = succeeded.Count - 1; i >= 0; i--)
        {
            if (Deletable(succeeded[i].Object, succeeded[i].Policies, "hook-succeeded"))
            {
                await DeleteAndWaitAsync(succeeded[i].Object, timeout, cancellationToken).ConfigureAwait(false);
            }
        }

        return result;
    }

    /// <summary>Helm's deleteHookByPolicy: the policy is listed, and the hook is not a CustomResourceDefinition (never deleted).</summary>
    private static bool Deletable(KubeObject obj, IReadOnlyList<string> policies, string policy) =>
        obj.Kind != "CustomResourceDefinition" && policies.Contains(policy);

    /// <summary>Null when the hook finished well, else why it failed (Jobs and Pods are waited for; other kinds are done once applied).</summary>
    private async Task<string?> WaitAsync(KubeObject obj, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (obj.Kind is not ("Job" or "Pod"))
        {
            return null;
        }

        var resource = await client.ForKindAsync(obj.ApiVersion, obj.Kind, cancellationToken).ConfigureAwait(false);
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var live = await ServerSideApplier.GetAsync(resource, obj.Namespace, obj.Name, cancellationToken).ConfigureAwait(false);
            var status = live?["status"];
            if (obj.Kind == "Job")
            {
                var conditions = (status?["conditions"] as JsonArray ?? []).OfType<JsonObject>().Where(c => (string?)c["status"] == "True").ToList();
                if (conditions.Any(c => (string?)c["type"] == "Complete"))
                {
                    return null;
                }

                if (conditions.FirstOrDefault(c => (string?)c["type"] == "Failed") is { } failed)
                {
                    return $"job failed: {(string?)failed["reason"]}: {(string?)failed["message"]}";
                }
            }
            else
            {
                switch ((string?)status?["phase"])
                {
                    case "Succeeded":
                        return null;
                    case "Failed":
                        return "pod failed";
                }
            }

            if (time.GetUtcNow() > deadline)
            {
                return $"timed out waiting for the condition after {GoDuration.Format(timeout)}";
            }

            await Task.Delay(pollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeleteAndWaitAsync(KubeObject obj, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if ((await applier.DeleteAsync([obj], cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            return;
        }

        var resource = await client.ForKindAsync(obj.ApiVersion, obj.Kind, cancellationToken).ConfigureAwait(false);
        var deadline = time.GetUtcNow() + timeout;
        while (await ServerSideApplier.GetAsync(resource, resource.Resource.Namespaced ? obj.Namespace : null, obj.Name, cancellationToken).ConfigureAwait(false) is not null)
        {
            if (time.GetUtcNow() > deadline)
            {
                throw new ReconcileStepException(Reasons.ReconciliationFailed, $"hook {obj.Kind}/{obj.Name}: timed out waiting for the previous one to be deleted");
            }

            await Task.Delay(pollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
