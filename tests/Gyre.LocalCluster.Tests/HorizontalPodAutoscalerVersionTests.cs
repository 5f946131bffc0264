using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Tests;

/// <summary>
/// HorizontalPodAutoscalers are served as autoscaling/v2 (preferred) and autoscaling/v1, converted as kube-apiserver
/// converts them: `kubectl autoscale` (a protobuf v1 object) and v1 manifests work, and what v1 cannot express
/// survives a round trip through v1 in the autoscaling.alpha.kubernetes.io annotations.
/// </summary>
public sealed class HorizontalPodAutoscalerVersionTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _cluster;

    public HorizontalPodAutoscalerVersionTests(ClusterFixture cluster) => _cluster = cluster;

    private Kubectl K => _cluster.Kubectl;

    [Fact]
    public async Task Kubectl_autoscale_creates_an_autoscaling_v1_object_read_back_as_v2()
    {
        var ns = await _cluster.NamespaceAsync("hpa1");
        (await K.RunAsync("-n", ns, "create", "deployment", "web", "--image=nginx")).Ok();
        (await K.RunAsync("-n", ns, "autoscale", "deployment", "web", "--min=2", "--max=5", "--cpu-percent=70")).Ok();
        var v2 = await _cluster.GetJsonAsync("-n", ns, "get", "hpa", "web");
        Assert.Equal("autoscaling/v2", v2["apiVersion"]!.GetValue<string>());
        Assert.Equal(70, v2["spec"]!["metrics"]![0]!["resource"]!["target"]!["averageUtilization"]!.GetValue<int>());
        var v1 = await RawAsync($"/apis/autoscaling/v1/namespaces/{ns}/horizontalpodautoscalers/web");
        Assert.Equal(70, v1["spec"]!["targetCPUUtilizationPercentage"]!.GetValue<int>());
        Assert.Null(v1["spec"]!["metrics"]);
        Assert.Matches(@"^web\s+Deployment/web\s+cpu: <unknown>/70%\s+2\s+5\s", (await K.RunAsync("-n", ns, "get", "horizontalpodautoscalers.v1.autoscaling", "web", "--no-headers")).Ok().Output);
        Assert.Equal("autoscaling/v2", JsonNode.Parse((await K.RunAsync("get", "--raw", "/apis/autoscaling")).Ok().Output)!["preferredVersion"]!["groupVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_v2_object_keeps_its_other_metrics_and_behavior_through_a_v1_update()
    {
        var ns = await _cluster.NamespaceAsync("hpa2");
        var v2 = """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: web, namespace: NS}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              maxReplicas: 4
              metrics:
              - {type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 60}}}
              - {type: Resource, resource: {name: memory, target: {type: AverageValue, averageValue: 500Mi}}}
              behavior: {scaleDown: {stabilizationWindowSeconds: 120}}
            """.Replace("NS", ns, StringComparison.Ordinal);
        (await K.RunWithInputAsync(v2, "apply", "-f", "-")).Ok();
        var v1 = await RawAsync($"/apis/autoscaling/v1/namespaces/{ns}/horizontalpodautoscalers/web");
        Assert.Equal(60, v1["spec"]!["targetCPUUtilizationPercentage"]!.GetValue<int>());
        Assert.Contains("memory", v1["metadata"]!["annotations"]!["autoscaling.alpha.kubernetes.io/metrics"]!.GetValue<string>(), StringComparison.Ordinal);

        v1["spec"]!["maxReplicas"] = 8;
        (await K.RunWithInputAsync(v1.ToJsonString(), "replace", "-f", "-")).Ok();
        var back = await _cluster.GetJsonAsync("-n", ns, "get", "hpa", "web");
        Assert.Equal(8, back["spec"]!["maxReplicas"]!.GetValue<int>());
        Assert.Equal(["cpu", "memory"], back["spec"]!["metrics"]!.AsArray().Select(m => m!["resource"]!["name"]!.GetValue<string>()));
        Assert.Equal(120, back["spec"]!["behavior"]!["scaleDown"]!["stabilizationWindowSeconds"]!.GetValue<int>());
        Assert.Null(back["metadata"]!["annotations"]?["autoscaling.alpha.kubernetes.io/metrics"]);
    }

    private async Task<JsonObject> RawAsync(string path) => JsonNode.Parse((await K.RunAsync("get", "--raw", path)).Ok().Output)!.AsObject();
}
