using Gyre.Manifests;
using static Gyre.Apply.Health.StatusFields;

namespace Gyre.Apply.Health;

/// <summary>
/// Computes an object's status with kstatus' rules (Flux's fork, fluxcd/cli-utils): generic rules first (deletion,
/// observedGeneration, Reconciling/Stalled conditions), then the built-in kinds' own rules, then the Ready condition
/// for custom resources. Pure: the caller reads the object and decides how long to wait.
/// </summary>
public static class HealthCheck
{
    public static HealthResult Compute(KubeObject obj) => Compute(obj, waitForJobs: true);

    /// <summary>
    /// As <see cref="Compute(KubeObject)"/>; with <paramref name="waitForJobs"/> false a Job is Current once it has
    /// started (kstatus' own Job rule, which Helm's wait uses without --wait-for-jobs) instead of once complete.
    /// </summary>
    public static HealthResult Compute(KubeObject obj, bool waitForJobs)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj.DeletionTimestamp is not null)
        {
            return new HealthResult(HealthStatus.Terminating, "Resource scheduled for deletion");
        }

        if (Has(obj, "status.observedGeneration"))
        {
            var observed = Int(obj, "status.observedGeneration");
            if (observed != obj.Generation)
            {
                return HealthResult.InProgress($"{obj.Kind} generation is {obj.Generation}, but latest observed generation is {observed}");
            }
        }

        var reconciling = Condition(obj, "Reconciling");
        if (ConditionIs(reconciling, "True"))
        {
            return HealthResult.InProgress(OrDefault(ConditionText(reconciling, "message"), "Resource is being reconciled"));
        }

        var stalled = Condition(obj, "Stalled");
        if (ConditionIs(stalled, "True"))
        {
            return HealthResult.Failed(OrDefault(ConditionText(stalled, "message"), "Resource is stalled"));
        }

        return (obj.Group, obj.Kind) switch
        {
            ("apps", "Deployment") => WorkloadHealth.Deployment(obj),
            ("apps", "StatefulSet") => WorkloadHealth.StatefulSet(obj),
            ("apps", "DaemonSet") => WorkloadHealth.DaemonSet(obj),
            ("apps", "ReplicaSet") => WorkloadHealth.ReplicaSet(obj),
            ("batch", "Job") => waitForJobs ? WorkloadHealth.Job(obj) : WorkloadHealth.StartedJob(obj),
            ("", "Pod") => CoreHealth.Pod(obj),
            ("", "PersistentVolumeClaim") => CoreHealth.PersistentVolumeClaim(obj),
            ("", "Service") => CoreHealth.Service(obj),
            ("policy", "PodDisruptionBudget") => CoreHealth.PodDisruptionBudget(obj),
            ("apiextensions.k8s.io", "CustomResourceDefinition") => CoreHealth.CustomResourceDefinition(obj),
            _ => Generic(obj),
        };
    }

    // Custom resources: the Ready condition decides (Flux's kinds and most operators report it); none means current.
    private static HealthResult Generic(KubeObject obj)
    {
        var ready = Condition(obj, "Ready");
        if (ready is null)
        {
            return HealthResult.Current("Resource is current");
        }

        return ConditionIs(ready, "True")
            ? HealthResult.Current(OrDefault(ConditionText(ready, "message"), "Resource is Ready"))
            : HealthResult.InProgress(OrDefault(ConditionText(ready, "message"), "Resource is not Ready"));
    }

    internal static string OrDefault(string value, string fallback) => value.Length == 0 ? fallback : value;
}
