using Gyre.Apply.Health;
using Gyre.Manifests;

namespace Gyre.Apply.Tests;

/// <summary>kstatus' documented outcomes for each kind, one row per rule.</summary>
public sealed class HealthCheckTests
{
    private const string ReadyDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: apps, generation: 2}
        spec: {replicas: 2}
        status:
          observedGeneration: 2
          replicas: 2
          readyReplicas: 2
          availableReplicas: 2
          updatedReplicas: 2
          conditions:
          - {type: Progressing, status: "True", reason: NewReplicaSetAvailable}
          - {type: Available, status: "True"}
        """;

    [Fact]
    public void A_rolled_out_deployment_is_current() =>
        Assert.Equal(HealthResult.Current("Deployment is available. Replicas: 2"), HealthCheck.Compute(KubeObject.Parse(ReadyDeployment)));

    [Theory]
    [InlineData("status.observedGeneration", "1", HealthStatus.InProgress, "Deployment generation is 2, but latest observed generation is 1")]
    [InlineData("status.readyReplicas", "1", HealthStatus.InProgress, "Ready: 1/2")]
    [InlineData("status.replicas", "1", HealthStatus.InProgress, "Replicas: 1/2")]
    [InlineData("status.replicas", "3", HealthStatus.InProgress, "Pending termination: 1")]
    [InlineData("status.updatedReplicas", "1", HealthStatus.InProgress, "Updated: 1/2")]
    [InlineData("status.availableReplicas", "1", HealthStatus.InProgress, "Available: 1/2")]
    public void A_deployment_mid_rollout_is_in_progress(string field, string value, HealthStatus status, string message)
    {
        var obj = KubeObject.Parse(ReadyDeployment);
        var parts = field.Split('.');
        obj.Json[parts[0]]![parts[1]] = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new HealthResult(status, message), HealthCheck.Compute(obj));
    }

    [Fact]
    public void A_deployment_past_its_progress_deadline_has_failed()
    {
        var obj = KubeObject.Parse(ReadyDeployment.Replace("reason: NewReplicaSetAvailable", "reason: ProgressDeadlineExceeded", StringComparison.Ordinal));
        Assert.Equal(HealthStatus.Failed, HealthCheck.Compute(obj).Status);
    }

    [Theory]
    [InlineData("apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {completions: 1}\nstatus: {succeeded: 1, conditions: [{type: Complete, status: 'True'}]}", HealthStatus.Current, "Job Completed. succeeded: 1/1")]
    [InlineData("apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nstatus: {failed: 2, conditions: [{type: Failed, status: 'True'}]}", HealthStatus.Failed, "Job Failed. failed: 2/1")]
    [InlineData("apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nstatus: {active: 1}", HealthStatus.InProgress, "Job in progress. success:0, active: 1, failed: 0")]
    [InlineData("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: p}\nstatus: {phase: Pending}", HealthStatus.InProgress, "PVC is not Bound. phase: Pending")]
    [InlineData("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: p}\nstatus: {phase: Bound}", HealthStatus.Current, "PVC is Bound")]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: LoadBalancer}", HealthStatus.InProgress, "Pending external IP: the LoadBalancer has no ingress yet")]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: LoadBalancer}\nstatus: {loadBalancer: {ingress: [{ip: 10.0.0.1}]}}", HealthStatus.Current, "Service is ready")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}", HealthStatus.Current, "Resource is current")]
    [InlineData("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec: {replicas: 3, updateStrategy: {type: OnDelete}}", HealthStatus.Current, "StatefulSet is using the OnDelete update strategy")]
    [InlineData("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec: {replicas: 2}\nstatus: {replicas: 2, readyReplicas: 2, currentReplicas: 2, currentRevision: a, updateRevision: b}", HealthStatus.InProgress, "Waiting for updated revision b to match current a")]
    [InlineData("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec: {replicas: 3, updateStrategy: {rollingUpdate: {partition: 1}}}\nstatus: {replicas: 3, readyReplicas: 3, updatedReplicas: 2}", HealthStatus.Current, "Partition rollout complete. updated: 2")]
    [InlineData("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d, generation: 1}\nstatus: {observedGeneration: 1, desiredNumberScheduled: 2, currentNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 1, numberReady: 2}", HealthStatus.InProgress, "Available: 1/2")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nstatus: {phase: Running, containerStatuses: [{name: app, state: {waiting: {reason: CrashLoopBackOff}}}]}", HealthStatus.Failed, "Pod is in CrashLoopBackOff: container app keeps failing")]
    [InlineData("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: a.b.c}\nstatus: {conditions: [{type: Established, status: 'True'}]}", HealthStatus.Current, "CRD is established")]
    [InlineData("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: a.b.c}\nstatus: {conditions: [{type: NamesAccepted, status: 'False', message: clash}]}", HealthStatus.Failed, "CRD names have not been accepted: clash")]
    [InlineData("apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: h}\nstatus: {conditions: [{type: Ready, status: 'False', message: installing}]}", HealthStatus.InProgress, "installing")]
    [InlineData("apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: h}\nstatus: {conditions: [{type: Stalled, status: 'True', message: retries exhausted}]}", HealthStatus.Failed, "retries exhausted")]
    [InlineData("apiVersion: x.io/v1\nkind: Thing\nmetadata: {name: t, deletionTimestamp: '2024-01-01T00:00:00Z'}", HealthStatus.Terminating, "Resource scheduled for deletion")]
    public void Each_kind_follows_its_rule(string yaml, HealthStatus status, string message) =>
        Assert.Equal(new HealthResult(status, message), HealthCheck.Compute(KubeObject.Parse(yaml)));

    // kstatus' own Job rule, used when Jobs are not waited for (a HelmRelease's disableWaitForJobs).
    [Theory]
    [InlineData("status: {}", HealthStatus.InProgress, "Job not started")]
    [InlineData("status: {startTime: '2024-01-01T00:00:00Z', active: 1}", HealthStatus.Current, "Job in progress. success:0, active: 1, failed: 0")]
    [InlineData("status: {startTime: '2024-01-01T00:00:00Z', failed: 1, conditions: [{type: Failed, status: 'True'}]}", HealthStatus.Failed, "Job Failed. failed: 1/1")]
    public void Without_waiting_for_jobs_a_started_job_is_current(string status, HealthStatus expected, string message) =>
        Assert.Equal(new HealthResult(expected, message),
            HealthCheck.Compute(KubeObject.Parse("apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\n" + status), waitForJobs: false));
}
