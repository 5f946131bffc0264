using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Tests;

public sealed class WorkloadSimulatorTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _cluster;

    public WorkloadSimulatorTests(ClusterFixture cluster)
    {
        _cluster = cluster;
    }

    private Kubectl K => _cluster.Kubectl;

    [Fact]
    public async Task Deployments_become_available_and_rollout_status_succeeds()
    {
        var ns = await _cluster.NamespaceAsync("sim");
        (await K.RunAsync("-n", ns, "create", "deployment", "web", "--image=nginx", "--replicas=3")).Ok();
        (await K.RunAsync("-n", ns, "rollout", "status", "deploy/web", "--timeout=20s")).Ok();
        var status = (await _cluster.GetJsonAsync("-n", ns, "get", "deploy", "web"))["status"]!;
        Assert.Equal(3, status["readyReplicas"]!.GetValue<int>());
        Assert.Equal(1, status["observedGeneration"]!.GetValue<int>());
        (await K.RunAsync("-n", ns, "wait", "--for=condition=Available", "deploy/web", "--timeout=10s")).Ok();
        Assert.Matches(@"web\s+3/3\s+3\s+3", (await K.RunAsync("-n", ns, "get", "deploy")).Ok().Output);
    }

    [Fact]
    public async Task Scale_updates_replicas_through_the_scale_subresource()
    {
        var ns = await _cluster.NamespaceAsync("scale");
        (await K.RunAsync("-n", ns, "create", "deployment", "web", "--image=nginx")).Ok();
        (await K.RunAsync("-n", ns, "scale", "deploy/web", "--replicas=5")).Ok();
        (await K.RunAsync("-n", ns, "rollout", "status", "deploy/web", "--timeout=20s")).Ok();
        var obj = await _cluster.GetJsonAsync("-n", ns, "get", "deploy", "web");
        Assert.Equal(5, obj["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(5, obj["status"]!["availableReplicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Statefulsets_daemonsets_and_jobs_reach_healthy_status()
    {
        var ns = await _cluster.NamespaceAsync("kinds");
        const string manifests = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              serviceName: db
              replicas: 2
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec: {containers: [{name: db, image: postgres}]}
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec: {containers: [{name: agent, image: busybox}]}
            ---
            apiVersion: batch/v1
            kind: Job
            metadata: {name: once}
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: once, image: busybox}]
            """;
        (await K.RunWithInputAsync(manifests, "-n", ns, "apply", "-f", "-")).Ok();
        (await K.RunAsync("-n", ns, "rollout", "status", "sts/db", "--timeout=20s")).Ok();
        (await K.RunAsync("-n", ns, "rollout", "status", "ds/agent", "--timeout=20s")).Ok();
        (await K.RunAsync("-n", ns, "wait", "--for=condition=Complete", "job/once", "--timeout=20s")).Ok();
    }

    [Fact]
    public async Task Load_balancers_get_an_ingress_ip_and_claims_become_bound()
    {
        var ns = await _cluster.NamespaceAsync("net");
        (await K.RunAsync("-n", ns, "create", "service", "loadbalancer", "lb", "--tcp=80:8080")).Ok();
        const string pvc = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n";
        (await K.RunWithInputAsync(pvc, "-n", ns, "apply", "-f", "-")).Ok();
        (await K.RunAsync("-n", ns, "wait", "--for=jsonpath={.status.loadBalancer.ingress[0].ip}", "svc/lb", "--timeout=20s")).Ok();
        (await K.RunAsync("-n", ns, "wait", "--for=jsonpath={.status.phase}=Bound", "pvc/data", "--timeout=20s")).Ok();
    }

    [Fact]
    public async Task The_simulate_annotation_makes_a_deployment_fail_or_never_ready()
    {
        var ns = await _cluster.NamespaceAsync("fail");
        // The annotation is there from the start: added afterwards, it could lose the race with the simulator.
        (await K.RunWithInputAsync(AnnotatedDeployment("broken", "fail"), "-n", ns, "apply", "-f", "-")).Ok();
        (await K.RunAsync("-n", ns, "rollout", "status", "deploy/broken", "--timeout=10s")).Fails("exceeded its progress deadline");
        (await K.RunWithInputAsync(AnnotatedDeployment("stuck", "never-ready"), "-n", ns, "apply", "-f", "-")).Ok();
        await ClusterFixture.EventuallyAsync(async () =>
        {
            var obj = await _cluster.GetJsonAsync("-n", ns, "get", "deploy", "stuck");
            return obj["status"]?["observedGeneration"] is not null;
        }, "stuck deployment observed");
        var status = (await _cluster.GetJsonAsync("-n", ns, "get", "deploy", "stuck"))["status"]!;
        Assert.Null(status["readyReplicas"]);
        Assert.Contains(status["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "Available" && c["status"]!.GetValue<string>() == "False");
    }

    private static string AnnotatedDeployment(string name, string simulate) =>
        $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  annotations: {{gyre.io/simulate: {simulate}}}\n" +
        $"spec:\n  selector: {{matchLabels: {{app: {name}}}}}\n  template:\n    metadata: {{labels: {{app: {name}}}}}\n    spec: {{containers: [{{name: c, image: nginx}}]}}\n";
}
