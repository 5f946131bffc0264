using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Tests;

public sealed class ServerSideApplyTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _cluster;

    public ServerSideApplyTests(ClusterFixture cluster)
    {
        _cluster = cluster;
    }

    private Kubectl K => _cluster.Kubectl;

    private static string ConfigMap(string data) => "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n" + data;

    [Fact]
    public async Task Apply_creates_and_records_an_apply_entry()
    {
        var ns = await _cluster.NamespaceAsync("ssa");
        (await K.RunWithInputAsync(ConfigMap("  a: \"1\"\n"), "-n", ns, "apply", "--server-side", "--field-manager=alice", "-f", "-")).Ok();
        var obj = await _cluster.GetJsonAsync("-n", ns, "get", "cm", "cfg", "--show-managed-fields");
        var entry = Assert.Single(obj["metadata"]!["managedFields"]!.AsArray())!;
        Assert.Equal("alice", entry["manager"]!.GetValue<string>());
        Assert.Equal("Apply", entry["operation"]!.GetValue<string>());
        Assert.NotNull(entry["fieldsV1"]!["f:data"]!["f:a"]);
    }

    [Fact]
    public async Task A_conflicting_apply_is_409_naming_the_manager_and_field_and_force_takes_ownership()
    {
        var ns = await _cluster.NamespaceAsync("ssac");
        (await K.RunWithInputAsync(ConfigMap("  a: \"1\"\n"), "-n", ns, "apply", "--server-side", "--field-manager=alice", "-f", "-")).Ok();
        var conflict = await K.RunWithInputAsync(ConfigMap("  a: \"2\"\n"), "-n", ns, "apply", "--server-side", "--field-manager=bob", "-f", "-");
        conflict.Fails("conflict with \"alice\"");
        Assert.Contains(".data.a", conflict.Error, StringComparison.Ordinal);

        (await K.RunWithInputAsync(ConfigMap("  a: \"2\"\n"), "-n", ns, "apply", "--server-side", "--field-manager=bob", "--force-conflicts", "-f", "-")).Ok();
        var obj = await _cluster.GetJsonAsync("-n", ns, "get", "cm", "cfg", "--show-managed-fields");
        Assert.Equal("2", obj["data"]!["a"]!.GetValue<string>());
        var managers = obj["metadata"]!["managedFields"]!.AsArray().Select(e => e!["manager"]!.GetValue<string>()).ToList();
        Assert.Equal(["bob"], managers);
    }

    [Fact]
    public async Task Fields_a_manager_stops_applying_are_removed_unless_shared()
    {
        var ns = await _cluster.NamespaceAsync("ssar");
        (await K.RunWithInputAsync(ConfigMap("  a: \"1\"\n  b: \"2\"\n  s: \"x\"\n"), "-n", ns, "apply", "--server-side", "--field-manager=alice", "-f", "-")).Ok();
        (await K.RunWithInputAsync(ConfigMap("  s: \"x\"\n"), "-n", ns, "apply", "--server-side", "--field-manager=bob", "-f", "-")).Ok();
        (await K.RunWithInputAsync(ConfigMap("  a: \"1\"\n"), "-n", ns, "apply", "--server-side", "--field-manager=alice", "-f", "-")).Ok();
        var data = (await _cluster.GetJsonAsync("-n", ns, "get", "cm", "cfg"))["data"]!.AsObject();
        Assert.Equal("{\"a\":\"1\",\"s\":\"x\"}", data.ToJsonString());
    }

    [Fact]
    public async Task Server_side_apply_of_a_deployment_merges_containers_by_name()
    {
        var ns = await _cluster.NamespaceAsync("ssad");
        const string first = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.25\n";
        (await K.RunWithInputAsync(first, "-n", ns, "apply", "--server-side", "-f", "-")).Ok();
        const string sidecar = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: sidecar\n        image: busybox\n";
        (await K.RunWithInputAsync(sidecar, "-n", ns, "apply", "--server-side", "--field-manager=injector", "-f", "-")).Ok();
        var containers = (await _cluster.GetJsonAsync("-n", ns, "get", "deploy", "web"))["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal("app,sidecar", string.Join(",", containers.Select(c => c!["name"]!.GetValue<string>())));
    }
}
