using Gyre.Apply.Health;
using Gyre.Manifests;

namespace Gyre.Apply.Tests;

/// <summary>Helm 3's readiness rules (pkg/kube ready.go), one row per rule.</summary>
public sealed class LegacyReadinessTests
{
    private const string Deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, generation: 2}\n";

    [Theory]
    // maxUnavailable defaults to 25% rounded down: 4 replicas may have 1 unavailable, 1 replica none.
    [InlineData("spec: {replicas: 4}\nstatus: {observedGeneration: 2, readyReplicas: 3}", HealthStatus.Current, "Deployment is ready: 3/3")]
    [InlineData("spec: {replicas: 4}\nstatus: {observedGeneration: 2, readyReplicas: 2}", HealthStatus.InProgress, "Deployment does not have enough pods ready: 2/3")]
    [InlineData("spec: {replicas: 1}\nstatus: {observedGeneration: 2}", HealthStatus.InProgress, "Deployment does not have enough pods ready: 0/1")]
    // Recreate: every replica must be ready; maxSurge and maxUnavailable both 0 make maxUnavailable 1.
    [InlineData("spec: {replicas: 4, strategy: {type: Recreate}}\nstatus: {observedGeneration: 2, readyReplicas: 3}", HealthStatus.InProgress, "Deployment does not have enough pods ready: 3/4")]
    [InlineData("spec: {replicas: 4, strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}}\nstatus: {observedGeneration: 2, readyReplicas: 3}", HealthStatus.Current, "Deployment is ready: 3/3")]
    [InlineData("spec: {replicas: 4, strategy: {rollingUpdate: {maxUnavailable: '50%'}}}\nstatus: {observedGeneration: 2, readyReplicas: 2}", HealthStatus.Current, "Deployment is ready: 2/2")]
    [InlineData("spec: {replicas: 2}\nstatus: {observedGeneration: 1, readyReplicas: 2}", HealthStatus.InProgress, "Deployment is not ready, observedGeneration 1 does not match generation 2")]
    [InlineData("spec: {replicas: 2, paused: true}", HealthStatus.Current, "Deployment is paused")]
    public void A_deployment_is_ready_with_replicas_minus_maxUnavailable_ready(string rest, HealthStatus status, string message) =>
        Assert.Equal(new HealthResult(status, message), LegacyReadiness.Check(KubeObject.Parse(Deployment + rest), checkJobs: true));

    [Fact]
    public void A_deployment_is_judged_by_its_new_replica_set_when_there_is_one()
    {
        var deployment = KubeObject.Parse(Deployment + "spec: {replicas: 2}\nstatus: {observedGeneration: 2, readyReplicas: 2}");
        var replicaSet = KubeObject.Parse("apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web-abc, generation: 1}\nstatus: {observedGeneration: 1, readyReplicas: 1}");
        Assert.Equal(HealthResult.InProgress("Deployment does not have enough pods ready: 1/2"), LegacyReadiness.Check(deployment, true, replicaSet));
    }

    [Theory]
    [InlineData("status: {succeeded: 1}", true, HealthStatus.Current, "Job is completed")]
    [InlineData("status: {active: 1}", true, HealthStatus.InProgress, "Job is not completed")]
    [InlineData("spec: {backoffLimit: 0}\nstatus: {failed: 1}", true, HealthStatus.Failed, "job is failed: apps/j")]
    [InlineData("status: {failed: 6}", true, HealthStatus.InProgress, "Job is not completed")]
    [InlineData("status: {failed: 7}", true, HealthStatus.Failed, "job is failed: apps/j")]
    [InlineData("spec: {parallelism: 2}\nstatus: {active: 2}", true, HealthStatus.Current, "Job is completed")]
    [InlineData("status: {active: 1}", false, HealthStatus.Current, "Job is not waited for")]
    public void A_job_is_ready_once_complete_when_jobs_are_checked(string rest, bool checkJobs, HealthStatus status, string message) =>
        Assert.Equal(new HealthResult(status, message),
            LegacyReadiness.Check(KubeObject.Parse("apiVersion: batch/v1\nkind: Job\nmetadata: {name: j, namespace: apps}\n" + rest), checkJobs));

    [Theory]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: apps}\nstatus: {conditions: [{type: Ready, status: 'True'}]}", HealthStatus.Current, "Pod is ready")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: apps}\nstatus: {phase: Running}", HealthStatus.InProgress, "Pod apps/p is not ready")]
    [InlineData("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c}\nstatus: {phase: Pending}", HealthStatus.InProgress, "PersistentVolumeClaim is not bound")]
    [InlineData("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c}\nstatus: {phase: Bound}", HealthStatus.Current, "PersistentVolumeClaim is bound")]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: ExternalName}", HealthStatus.Current, "ExternalName Service")]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {}", HealthStatus.InProgress, "Service does not have cluster IP address")]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: LoadBalancer, clusterIP: 10.0.0.1}", HealthStatus.InProgress, "Service does not have load balancer ingress IP address")]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: LoadBalancer, clusterIP: 10.0.0.1, externalIPs: [1.2.3.4]}", HealthStatus.Current, "Service is ready")]
    [InlineData("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s, generation: 1}\nspec: {replicas: 2}\nstatus: {observedGeneration: 1, updatedReplicas: 2, readyReplicas: 2, currentRevision: a, updateRevision: b}", HealthStatus.InProgress, "StatefulSet is not ready, currentRevision does not match updateRevision")]
    [InlineData("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s, generation: 1}\nspec: {replicas: 2}\nstatus: {observedGeneration: 1, updatedReplicas: 2, readyReplicas: 1}", HealthStatus.InProgress, "StatefulSet does not have enough Pods ready: 1/2")]
    [InlineData("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s, generation: 1}\nspec: {replicas: 2, updateStrategy: {type: OnDelete}}\nstatus: {observedGeneration: 1}", HealthStatus.Current, "StatefulSet is ready")]
    [InlineData("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d, generation: 1}\nstatus: {observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberReady: 2}", HealthStatus.Current, "DaemonSet is ready")]
    [InlineData("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d, generation: 1}\nstatus: {observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberReady: 1}", HealthStatus.InProgress, "DaemonSet does not have enough Pods ready: 1/2")]
    [InlineData("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: c}\nstatus: {conditions: [{type: Established, status: 'True'}]}", HealthStatus.Current, "CustomResourceDefinition is established")]
    [InlineData("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nstatus: {conditions: [{type: Ready, status: 'False'}]}", HealthStatus.Current, "Resource exists")]
    public void Each_kind_follows_its_Helm_3_rule(string yaml, HealthStatus status, string message) =>
        Assert.Equal(new HealthResult(status, message), LegacyReadiness.Check(KubeObject.Parse(yaml), checkJobs: true));
}
