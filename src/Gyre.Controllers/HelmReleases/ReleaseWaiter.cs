using Gyre.Api.Helm;
using Gyre.Api.Kustomize;
using Gyre.Apply.Health;
using Gyre.Controllers.Kustomizations;
using Gyre.Kube;
using Gyre.Manifests;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// Waits for a release's objects as helm-controller does with Helm 4: spec.waitStrategy poller (kstatus, judging the
/// kinds named in spec.healthCheckExprs by their CEL instead) or legacy (Helm 3's readiness rules, which ignore
/// healthCheckExprs, as Flux's do). Jobs are waited for until complete unless the action disables it
/// (disableWaitForJobs): then the poller counts a started Job and the legacy wait does not look at Jobs.
/// </summary>
internal sealed class ReleaseWaiter(KubeClient client, TimeSpan pollInterval, TimeProvider time, string strategy, IReadOnlyList<CelHealthCheck> expressions)
{
    /// <summary>The poller with no healthCheckExprs: Helm 4's default wait.</summary>
    public static ReleaseWaiter Default(KubeClient client, TimeSpan pollInterval, TimeProvider time) => new(client, pollInterval, time, WaitStrategy.Poller, []);

    public Task WaitAsync(IReadOnlyList<KubeObject> objects, TimeSpan timeout, bool waitForJobs, CancellationToken cancellationToken)
    {
        var waiter = strategy == WaitStrategy.Legacy
            ? new HealthWaiter(client, pollInterval, time) { Judge = new LegacyReadinessReader(client, waitForJobs).ReadAsync }
            : new HealthWaiter(client, pollInterval, time, expressions, waitForJobs);
        return waiter.WaitAsync(
            objects.Select(o => new ObjectKindReference(o.ApiVersion, o.Kind, o.Name, string.IsNullOrEmpty(o.Namespace) ? null : o.Namespace)).ToList(),
            timeout, cancellationToken);
    }
}
