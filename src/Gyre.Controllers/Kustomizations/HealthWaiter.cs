using Gyre.Api.Kustomize;
using Gyre.Api.Meta;
using Gyre.Apply.Health;
using Gyre.Kube;
using Gyre.Kube.Discovery;
using Gyre.Manifests;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// Waits for objects to become Current with kstatus' rules (Flux's wait/healthChecks): polls until all are Current,
/// fails fast as soon as one is Failed, and gives up at the timeout naming every object not yet healthy and why.
/// Objects of a kind named in healthCheckExprs are judged by those CEL expressions instead of kstatus; without
/// <c>waitForJobs</c> (a HelmRelease's disableWaitForJobs) a Job counts once it has started; a <see cref="Judge"/>
/// replaces both (a HelmRelease's legacy wait strategy).
/// </summary>
internal sealed class HealthWaiter(KubeClient client, TimeSpan pollInterval, TimeProvider time, IReadOnlyList<CelHealthCheck>? expressions = null, bool waitForJobs = true)
{
    /// <summary>Reads a live object's health instead of kstatus and the CEL expressions, when set.</summary>
    public Func<KubeObject, CancellationToken, Task<HealthResult>>? Judge { get; init; }

    public async Task WaitAsync(IReadOnlyList<ObjectKindReference> targets, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (targets.Count == 0)
        {
            return;
        }

        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var pending = new List<string>();
            foreach (var target in targets)
            {
                var result = await StatusOfAsync(target, cancellationToken).ConfigureAwait(false);
                var name = target.Namespace is null ? $"{target.Kind}/{target.Name}" : $"{target.Kind}/{target.Namespace}/{target.Name}";
                if (result.Status == HealthStatus.Failed)
                {
                    throw new ReconcileStepException(Reasons.HealthCheckFailed, $"health check failed: {name} status: 'Failed': {result.Message}");
                }

                if (result.Status != HealthStatus.Current)
                {
                    pending.Add($"{name} status: '{result.Status}': {result.Message}");
                }
            }

            if (pending.Count == 0)
            {
                return;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ReconcileStepException(Reasons.HealthCheckFailed, $"health check failed after {GoDuration.Format(timeout)}: timeout waiting for: [{string.Join(", ", pending)}]");
            }

            await Task.Delay(pollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HealthResult> StatusOfAsync(ObjectKindReference target, CancellationToken cancellationToken)
    {
        try
        {
            var resource = await client.ForKindAsync(target.ApiVersion, target.Kind, cancellationToken).ConfigureAwait(false);
            var live = await ServerSideApplier.GetAsync(resource, resource.Resource.Namespaced ? target.Namespace : null, target.Name, cancellationToken).ConfigureAwait(false);
            if (live is null)
            {
                return new HealthResult(HealthStatus.NotFound, "Resource not found");
            }

            var obj = new KubeObject(live);
            if (Judge is not null)
            {
                return await Judge(obj, cancellationToken).ConfigureAwait(false);
            }

            return expressions?.FirstOrDefault(e => e.Matches(obj)) is { } custom ? custom.Evaluate(obj) : HealthCheck.Compute(obj, waitForJobs);
        }
        catch (KubeMappingException)
        {
            return new HealthResult(HealthStatus.NotFound, $"no matches for kind {target.Kind} in {target.ApiVersion}");
        }
    }
}
