namespace Gyre.LocalCluster.Tests;

/// <summary>
/// Fields Kubernetes added between 1.21 (the embedded schema) and 1.32 (the version the server reports) come from
/// the committed overlay: kubectl's client-side and server-side validation accept them and still reject unknown
/// fields, strategic merge uses their merge keys, and versions removed before 1.32 are not served.
/// </summary>
public sealed class Kubernetes132SchemaTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _cluster;

    public Kubernetes132SchemaTests(ClusterFixture cluster) => _cluster = cluster;

    private static string Manifests(string ns) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "kubernetes-1.32-fields.yaml")).Replace("namespace: NS", "namespace: " + ns, StringComparison.Ordinal);

    [Fact]
    public async Task Client_side_apply_with_validation_accepts_newer_fields_and_rejects_an_unknown_one()
    {
        var k = _cluster.Kubectl;
        var ns = await _cluster.NamespaceAsync("k132");
        (await k.RunWithInputAsync(Manifests(ns), "apply", "--validate=strict", "-f", "-")).Ok();
        var deployment = await _cluster.GetJsonAsync("-n", ns, "get", "deployment", "modern");
        var pod = deployment["spec"]!["template"]!["spec"]!;
        Assert.Equal("linux", pod["os"]!["name"]!.GetValue<string>());
        Assert.Equal("Always", pod["initContainers"]![0]!["restartPolicy"]!.GetValue<string>());
        Assert.Equal(2, pod["topologySpreadConstraints"]![0]!["minDomains"]!.GetValue<int>());
        Assert.Equal("Etc/UTC", (await _cluster.GetJsonAsync("-n", ns, "get", "cronjob", "nightly"))["spec"]!["timeZone"]!.GetValue<string>());
        Assert.Equal(1, (await _cluster.GetJsonAsync("-n", ns, "get", "statefulset", "db"))["spec"]!["ordinals"]!["start"]!.GetValue<int>());
        Assert.Equal("AlwaysAllow", (await _cluster.GetJsonAsync("-n", ns, "get", "pdb", "modern"))["spec"]!["unhealthyPodEvictionPolicy"]!.GetValue<string>());

        var unknown = Manifests(ns).Replace("hostUsers: false", "hostUsers: false\n      hostUser: false", StringComparison.Ordinal);
        (await k.RunWithInputAsync(unknown, "apply", "--validate=strict", "-f", "-")).Fails("unknown field \"spec.template.spec.hostUser\"");
        var wrongType = Manifests(ns).Replace("minDomains: 2", "minDomains: two", StringComparison.Ordinal);
        (await k.RunWithInputAsync(wrongType, "apply", "-f", "-")).Fails("minDomains");
    }

    [Fact]
    public async Task Server_side_apply_with_strict_field_validation_accepts_newer_fields_and_rejects_an_unknown_one()
    {
        var k = _cluster.Kubectl;
        var ns = await _cluster.NamespaceAsync("k132ssa");
        (await k.RunWithInputAsync(Manifests(ns), "apply", "--server-side", "--validate=strict", "-f", "-")).Ok();
        var hpa = await _cluster.GetJsonAsync("-n", ns, "get", "hpa", "modern");
        Assert.Equal("autoscaling/v2", hpa["apiVersion"]!.GetValue<string>());
        Assert.Equal(300, hpa["spec"]!["behavior"]!["scaleDown"]!["stabilizationWindowSeconds"]!.GetValue<int>());
        Assert.Equal("PreferClose", (await _cluster.GetJsonAsync("-n", ns, "get", "service", "modern"))["spec"]!["trafficDistribution"]!.GetValue<string>());
        Assert.Matches(@"^modern\s+Deployment/modern\s+cpu: <unknown>/60%\s+1\s+5\s+0\s", (await k.RunAsync("-n", ns, "get", "hpa", "modern", "--no-headers")).Ok().Output);
        Assert.Matches(@"^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE\nmodern\s+1\s+N/A\s+0\s", (await k.RunAsync("-n", ns, "get", "pdb", "modern")).Ok().Output);

        var unknown = Manifests(ns).Replace("timeZone: Etc/UTC", "timeZone: Etc/UTC\n  timezone: UTC", StringComparison.Ordinal);
        (await k.RunWithInputAsync(unknown, "apply", "--server-side", "--validate=strict", "-f", "-")).Fails("unknown field \"spec.timezone\"");
    }

    [Fact]
    public async Task Strategic_merge_uses_the_merge_keys_of_newer_lists()
    {
        var k = _cluster.Kubectl;
        var ns = await _cluster.NamespaceAsync("k132smp");
        (await k.RunWithInputAsync(Manifests(ns), "apply", "-f", "-")).Ok();
        (await k.RunAsync("-n", ns, "patch", "deployment", "modern", "--type=strategic", "-p", "{\"spec\":{\"template\":{\"spec\":{\"schedulingGates\":[{\"name\":\"example.com/second\"}]}}}}")).Ok();
        var gates = (await _cluster.GetJsonAsync("-n", ns, "get", "deployment", "modern"))["spec"]!["template"]!["spec"]!["schedulingGates"]!.AsArray();
        Assert.Equal(["example.com/gate", "example.com/second"], gates.Select(g => g!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Versions_removed_before_1_32_are_not_served_and_explain_knows_the_new_fields()
    {
        var k = _cluster.Kubectl;
        foreach (var removed in new[] { "/apis/batch/v1beta1", "/apis/autoscaling/v2beta2", "/apis/policy/v1beta1", "/apis/extensions/v1beta1", "/apis/networking.k8s.io/v1beta1" })
        {
            (await k.RunAsync("get", "--raw", removed)).Fails("the server could not find the requested resource");
        }

        var explain = (await k.RunAsync("explain", "horizontalpodautoscalers.spec.behavior", "--api-version=autoscaling/v2")).Ok().Output;
        Assert.Contains("scaleDown", explain, StringComparison.Ordinal);
        var job = (await k.RunAsync("explain", "jobs.spec.podFailurePolicy.rules")).Ok().Output;
        Assert.Contains("onExitCodes", job, StringComparison.Ordinal);
    }
}
