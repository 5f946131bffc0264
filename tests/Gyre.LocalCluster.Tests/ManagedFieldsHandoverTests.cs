using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Tests;

/// <summary>managedFields sent with an update replace the live ones, as kube-apiserver does (Flux hands kubectl's fields over this way).</summary>
public sealed class ManagedFieldsHandoverTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Fields_handed_to_an_apply_manager_by_a_json_patch_are_removed_when_it_stops_applying_them()
    {
        var ns = await cluster.NamespaceAsync("handover");
        var k = cluster.Kubectl;
        (await k.RunWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: \"1\"\n", "-n", ns, "apply", "--server-side", "--field-manager=flux", "-f", "-")).Ok();
        (await k.RunWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: \"1\"\n  b: \"2\"\n", "-n", ns, "apply", "-f", "-")).Ok();
        var live = await cluster.GetJsonAsync("-n", ns, "get", "cm", "cfg", "--show-managed-fields");
        Assert.Contains("kubectl-client-side-apply", live["metadata"]!["managedFields"]!.AsArray().Select(e => (string?)e!["manager"]));

        // One Apply entry for "flux" owning a and b, as fluxcd/pkg ssa PatchReplaceFieldsManagers writes it.
        var flux = live["metadata"]!["managedFields"]!.AsArray().Single(e => (string?)e!["manager"] == "flux")!.DeepClone().AsObject();
        flux["fieldsV1"] = JsonNode.Parse("""{"f:data":{"f:a":{},"f:b":{}}}""");
        var patch = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/metadata/managedFields", ["value"] = new JsonArray(flux) });
        (await k.RunAsync("-n", ns, "patch", "cm", "cfg", "--type=json", "-p", patch.ToJsonString())).Ok();
        var handed = await cluster.GetJsonAsync("-n", ns, "get", "cm", "cfg", "--show-managed-fields");
        Assert.Equal(["flux"], handed["metadata"]!["managedFields"]!.AsArray().Select(e => (string?)e!["manager"]));

        (await k.RunWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: \"1\"\n", "-n", ns, "apply", "--server-side", "--field-manager=flux", "-f", "-")).Ok();
        var data = (await cluster.GetJsonAsync("-n", ns, "get", "cm", "cfg"))["data"]!.AsObject();
        Assert.Equal("""{"a":"1"}""", data.ToJsonString());
    }
}
