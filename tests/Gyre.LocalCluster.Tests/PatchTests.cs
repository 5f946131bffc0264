using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Tests;

public sealed class PatchTests : IClassFixture<ClusterFixture>
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 1
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: app
                image: nginx:1.25
                ports:
                - containerPort: 80
                - containerPort: 443
                env:
                - {name: A, value: "1"}
                - {name: B, value: "2"}
              - name: sidecar
                image: busybox
        """;

    private readonly ClusterFixture _cluster;

    public PatchTests(ClusterFixture cluster)
    {
        _cluster = cluster;
    }

    private Kubectl K => _cluster.Kubectl;

    [Fact]
    public async Task Json_patch_adds_replaces_and_removes()
    {
        var ns = await _cluster.NamespaceAsync("jp");
        (await K.RunAsync("-n", ns, "create", "configmap", "c", "--from-literal=a=1", "--from-literal=b=2")).Ok();
        (await K.RunAsync("-n", ns, "patch", "cm", "c", "--type=json", "-p", "[{\"op\":\"add\",\"path\":\"/data/c\",\"value\":\"3\"},{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"9\"},{\"op\":\"remove\",\"path\":\"/data/b\"}]")).Ok();
        var cm = await _cluster.GetJsonAsync("-n", ns, "get", "cm", "c");
        Assert.Equal("{\"a\":\"9\",\"c\":\"3\"}", cm["data"]!.ToJsonString());
        (await K.RunAsync("-n", ns, "patch", "cm", "c", "--type=json", "-p", "[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"1\"}]")).Fails("test failed");
    }

    [Fact]
    public async Task Merge_patch_merges_maps_and_null_deletes()
    {
        var ns = await _cluster.NamespaceAsync("mp");
        (await K.RunAsync("-n", ns, "create", "configmap", "c", "--from-literal=a=1", "--from-literal=b=2")).Ok();
        (await K.RunAsync("-n", ns, "patch", "cm", "c", "--type=merge", "-p", "{\"data\":{\"a\":null,\"z\":\"26\"}}")).Ok();
        var cm = await _cluster.GetJsonAsync("-n", ns, "get", "cm", "c");
        Assert.Equal("{\"b\":\"2\",\"z\":\"26\"}", cm["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_containers_env_and_ports_by_key()
    {
        var ns = await _cluster.NamespaceAsync("smp");
        (await K.RunWithInputAsync(Deployment, "-n", ns, "create", "-f", "-")).Ok();
        var patch = "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.26\",\"env\":[{\"name\":\"B\",\"value\":\"20\"},{\"name\":\"C\",\"value\":\"3\"}],\"ports\":[{\"containerPort\":8080}]}]}}}}";
        (await K.RunAsync("-n", ns, "patch", "deploy", "web", "-p", patch)).Ok();
        var spec = (await _cluster.GetJsonAsync("-n", ns, "get", "deploy", "web"))["spec"]!["template"]!["spec"]!;
        var containers = spec["containers"]!.AsArray();
        Assert.Equal(2, containers.Count);
        var app = containers.First(c => c!["name"]!.GetValue<string>() == "app")!;
        Assert.Equal("nginx:1.26", app["image"]!.GetValue<string>());
        Assert.Equal("A=1,B=20,C=3", string.Join(",", app["env"]!.AsArray().Select(e => $"{e!["name"]}={e["value"]}")));
        Assert.Equal("80,443,8080", string.Join(",", app["ports"]!.AsArray().Select(p => p!["containerPort"]!.ToJsonString())));
    }

    [Fact]
    public async Task Strategic_merge_patch_directives_delete_replace_and_set_element_order()
    {
        var ns = await _cluster.NamespaceAsync("smpd");
        (await K.RunWithInputAsync(Deployment, "-n", ns, "create", "-f", "-")).Ok();
        (await K.RunAsync("-n", ns, "patch", "deploy", "web", "-p", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"$patch\":\"delete\"}]}}}}")).Ok();
        var afterDelete = (await _cluster.GetJsonAsync("-n", ns, "get", "deploy", "web"))["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Single(afterDelete);

        var replaceEnv = "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"env\":[{\"name\":\"ONLY\",\"value\":\"x\"},{\"$patch\":\"replace\"}]}]}}}}";
        (await K.RunAsync("-n", ns, "patch", "deploy", "web", "-p", replaceEnv)).Ok();
        var env = (await _cluster.GetJsonAsync("-n", ns, "get", "deploy", "web"))["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray();
        Assert.Equal("ONLY", Assert.Single(env)!["name"]!.GetValue<string>());

        var order = "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"$setElementOrder/ports\":[{\"containerPort\":443},{\"containerPort\":80}]}]}}}}";
        (await K.RunAsync("-n", ns, "patch", "deploy", "web", "-p", order)).Ok();
        var ports = (await _cluster.GetJsonAsync("-n", ns, "get", "deploy", "web"))["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]!.AsArray();
        Assert.Equal("443,80", string.Join(",", ports.Select(p => p!["containerPort"]!.ToJsonString())));
    }

    [Fact]
    public async Task Strategic_merge_patch_retain_keys_drops_the_other_strategy_fields()
    {
        var ns = await _cluster.NamespaceAsync("retain");
        var withRolling = Deployment.Replace("  replicas: 1\n", "  replicas: 1\n  strategy:\n    type: RollingUpdate\n    rollingUpdate: {maxSurge: 1}\n", StringComparison.Ordinal);
        (await K.RunWithInputAsync(withRolling, "-n", ns, "create", "-f", "-")).Ok();
        (await K.RunAsync("-n", ns, "patch", "deploy", "web", "-p", "{\"spec\":{\"strategy\":{\"$retainKeys\":[\"type\"],\"type\":\"Recreate\"}}}")).Ok();
        var strategy = (await _cluster.GetJsonAsync("-n", ns, "get", "deploy", "web"))["spec"]!["strategy"]!;
        Assert.Equal("{\"type\":\"Recreate\"}", strategy.ToJsonString());
    }

    [Fact]
    public async Task Client_side_apply_updates_removes_and_keeps_foreign_changes()
    {
        var ns = await _cluster.NamespaceAsync("csa");
        (await K.RunWithInputAsync(Deployment, "-n", ns, "apply", "-f", "-")).Ok();
        (await K.RunAsync("-n", ns, "label", "deploy", "web", "owner=someone")).Ok();
        var changed = Deployment.Replace("nginx:1.25", "nginx:1.27", StringComparison.Ordinal).Replace("        - {name: B, value: \"2\"}\n", string.Empty, StringComparison.Ordinal);
        Assert.Contains("configured", (await K.RunWithInputAsync(changed, "-n", ns, "apply", "-f", "-")).Ok().Output, StringComparison.Ordinal);
        var obj = await _cluster.GetJsonAsync("-n", ns, "get", "deploy", "web");
        var app = obj["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("nginx:1.27", app["image"]!.GetValue<string>());
        Assert.Equal("A", Assert.Single(app["env"]!.AsArray())!["name"]!.GetValue<string>());
        Assert.Equal("someone", obj["metadata"]!["labels"]!["owner"]!.GetValue<string>());
    }
}
