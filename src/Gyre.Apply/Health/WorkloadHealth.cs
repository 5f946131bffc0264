using Gyre.Manifests;
using static Gyre.Apply.Health.StatusFields;

namespace Gyre.Apply.Health;

/// <summary>kstatus' rules for Deployments, StatefulSets, DaemonSets, ReplicaSets and Jobs.</summary>
internal static class WorkloadHealth
{
    public static HealthResult Deployment(KubeObject obj)
    {
        var spec = Int(obj, "spec.replicas", 1);
        var replicas = Int(obj, "status.replicas");
        var ready = Int(obj, "status.readyReplicas");
        var available = Int(obj, "status.availableReplicas");
        var updated = Int(obj, "status.updatedReplicas");
        var progressing = Condition(obj, "Progressing");
        if (ConditionText(progressing, "reason") == "ProgressDeadlineExceeded")
        {
            return HealthResult.Failed("Progress deadline exceeded");
        }

        if (spec > replicas)
        {
            return HealthResult.InProgress($"Replicas: {replicas}/{spec}");
        }

        if (spec > updated)
        {
            return HealthResult.InProgress($"Updated: {updated}/{spec}");
        }

        if (replicas > spec)
        {
            return HealthResult.InProgress($"Pending termination: {replicas - spec}");
        }

        if (updated > available)
        {
            return HealthResult.InProgress($"Available: {available}/{updated}");
        }

        if (spec > ready)
        {
            return HealthResult.InProgress($"Ready: {ready}/{spec}");
        }

        if (!(ConditionIs(progressing, "True") && ConditionText(progressing, "reason") == "NewReplicaSetAvailable"))
        {
            return HealthResult.InProgress("ReplicaSet not Available");
        }

        if (!ConditionIs(Condition(obj, "Available"), "True"))
        {
            return HealthResult.InProgress("Deployment not Available");
        }

        return HealthResult.Current($"Deployment is available. Replicas: {replicas}");
    }

    public static HealthResult StatefulSet(KubeObject obj)
    {
        if (String(obj, "spec.updateStrategy.type") == "OnDelete")
        {
            return HealthResult.Current("StatefulSet is using the OnDelete update strategy");
        }

        var spec = Int(obj, "spec.replicas", 1);
        var replicas = Int(obj, "status.replicas");
        var ready = Int(obj, "status.readyReplicas");
        var current = Int(obj, "status.currentReplicas");
        var updated = Int(obj, "status.updatedReplicas");
        if (spec > replicas)
        {
            return HealthResult.InProgress($"Replicas: {replicas}/{spec}");
        }

        if (spec > ready)
        {
            return HealthResult.InProgress($"Ready: {ready}/{spec}");
        }

        if (Has(obj, "spec.updateStrategy.rollingUpdate.partition"))
        {
            var partition = Int(obj, "spec.updateStrategy.rollingUpdate.partition");
            if (updated < spec - partition)
            {
                return HealthResult.InProgress($"updated: {updated}/{spec - partition}");
            }

            return HealthResult.Current($"Partition rollout complete. updated: {updated}");
        }

        if (spec > current)
        {
            return HealthResult.InProgress($"current: {current}/{spec}");
        }

        var currentRevision = String(obj, "status.currentRevision");
        var updateRevision = String(obj, "status.updateRevision");
        if (currentRevision != updateRevision)
        {
            return HealthResult.InProgress($"Waiting for updated revision {updateRevision} to match current {currentRevision}");
        }

        return HealthResult.Current($"All replicas scheduled as expected. Replicas: {replicas}");
    }

    public static HealthResult DaemonSet(KubeObject obj)
    {
        if (!Has(obj, "status.observedGeneration"))
        {
            return HealthResult.InProgress("DaemonSet controller has not yet observed the object");
        }

        var desired = Int(obj, "status.desiredNumberScheduled");
        var checks = new (string Label, long Value)[]
        {
            ("Current", Int(obj, "status.currentNumberScheduled")),
            ("Updated", Int(obj, "status.updatedNumberScheduled")),
            ("Available", Int(obj, "status.numberAvailable")),
            ("Ready", Int(obj, "status.numberReady")),
        };
        foreach (var (label, value) in checks)
        {
            if (desired > value)
            {
                return HealthResult.InProgress($"{label}: {value}/{desired}");
            }
        }

        return HealthResult.Current($"All replicas scheduled as expected. Replicas: {desired}");
    }

    public static HealthResult ReplicaSet(KubeObject obj)
    {
        if (ConditionIs(Condition(obj, "ReplicaFailure"), "True"))
        {
            return HealthResult.InProgress("Replica Failure condition. Check Pods");
        }

        var spec = Int(obj, "spec.replicas", 1);
        var replicas = Int(obj, "status.replicas");
        var checks = new (string Label, long Value)[]
        {
            ("Labelled", Int(obj, "status.fullyLabeledReplicas")),
            ("Available", Int(obj, "status.availableReplicas")),
            ("Ready", Int(obj, "status.readyReplicas")),
        };
        foreach (var (label, value) in checks)
        {
            if (spec > value)
            {
                return HealthResult.InProgress($"{label}: {value}/{spec}");
            }
        }

        if (replicas > spec)
        {
            return HealthResult.InProgress($"Pending termination: {replicas - spec}");
        }

        return HealthResult.Current($"ReplicaSet is available. Replicas: {replicas}");
    }

    public static HealthResult Job(KubeObject obj)
    {
        var parallelism = Int(obj, "spec.parallelism", 1);
        var completions = Int(obj, "spec.completions", parallelism);
        var succeeded = Int(obj, "status.succeeded");
        var active = Int(obj, "status.active");
        var failed = Int(obj, "status.failed");
        if (ConditionIs(Condition(obj, "Failed"), "True"))
        {
            return HealthResult.Failed($"Job Failed. failed: {failed}/{completions}");
        }

        if (ConditionIs(Condition(obj, "Complete"), "True"))
        {
            return HealthResult.Current($"Job Completed. succeeded: {succeeded}/{completions}");
        }

        return HealthResult.InProgress($"Job in progress. success:{succeeded}, active: {active}, failed: {failed}");
    }

    /// <summary>
    /// kstatus' upstream Job rule (cli-utils jobConditions): InProgress until it starts, then Current while it runs
    /// and once complete; Failed when it failed.
    /// </summary>
    public static HealthResult StartedJob(KubeObject obj)
    {
        var result = Job(obj);
        if (result.Status != HealthStatus.InProgress)
        {
            return result;
        }

        return Has(obj, "status.startTime")
            ? HealthResult.Current($"Job in progress. success:{Int(obj, "status.succeeded")}, active: {Int(obj, "status.active")}, failed: {Int(obj, "status.failed")}")
            : HealthResult.InProgress("Job not started");
    }
}
