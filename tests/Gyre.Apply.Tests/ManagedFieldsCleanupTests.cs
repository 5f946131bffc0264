using System.Text.Json.Nodes;
using Gyre.Apply.Cleanup;

namespace Gyre.Apply.Tests;

public sealed class ManagedFieldsCleanupTests
{
    private const string Controller = "kustomize-controller";

    private static readonly JsonObject Desired = Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v"}}""");

    [Fact]
    public void Kubectl_fields_are_merged_into_the_controllers_apply_entry_and_the_last_applied_annotation_removed()
    {
        var live = Parse("""
            {"metadata":{"name":"a","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}","keep":"x"},"managedFields":[
              {"manager":"kustomize-controller","operation":"Apply","fieldsV1":{"f:data":{"f:k":{}}}},
              {"manager":"kubectl-client-side-apply","operation":"Update","fieldsV1":{"f:data":{"f:extra":{}}}},
              {"manager":"kube-controller-manager","operation":"Update","fieldsV1":{"f:data":{"f:other":{}}}},
              {"manager":"kubectl-edit","operation":"Update","fieldsV1":{"f:metadata":{"f:labels":{"f:team":{}}}}}]}}
            """);

        var patch = ManagedFieldsCleanup.Patch(Desired, live, Controller)!;

        Assert.Equal("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration", (string?)patch[0]!["path"]);
        Assert.Equal("remove", (string?)patch[0]!["op"]);
        var entries = patch[1]!["value"]!.AsArray();
        Assert.Equal(["kube-controller-manager", Controller], entries.Select(e => (string?)e!["manager"]));
        var merged = entries[1]!.AsObject();
        Assert.Equal("Apply", (string?)merged["operation"]);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"f:data":{"f:k":{},"f:extra":{}},"f:metadata":{"f:labels":{"f:team":{}}}}"""), merged["fieldsV1"]));
    }

    [Fact]
    public void The_first_taken_over_entry_is_renamed_when_the_controller_has_no_apply_entry_yet()
    {
        var live = Parse("""
            {"metadata":{"name":"a","managedFields":[
              {"manager":"before-first-apply","operation":"Update","fieldsV1":{"f:data":{"f:k":{}}}},
              {"manager":"kubectl","operation":"Apply","fieldsV1":{"f:data":{"f:x":{}}}}]}}
            """);

        var entries = ManagedFieldsCleanup.Patch(Desired, live, Controller)![0]!["value"]!.AsArray();

        var only = Assert.Single(entries)!.AsObject();
        Assert.Equal(Controller, (string?)only["manager"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"f:data":{"f:k":{},"f:x":{}}}"""), only["fieldsV1"]));
    }

    [Fact]
    public void An_annotation_map_left_empty_is_removed_as_a_whole()
    {
        var live = Parse("""{"metadata":{"name":"a","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}}}""");

        var patch = Assert.Single(ManagedFieldsCleanup.Patch(Desired, live, Controller)!)!;

        Assert.Equal("/metadata/annotations", (string?)patch["path"]);
    }

    [Fact]
    public void Nothing_is_patched_for_objects_only_the_controller_and_other_tools_manage()
    {
        var live = Parse("""
            {"metadata":{"name":"a","managedFields":[
              {"manager":"kustomize-controller","operation":"Apply","fieldsV1":{"f:data":{"f:k":{}}}},
              {"manager":"kubectl","operation":"Update","subresource":"scale","fieldsV1":{"f:spec":{"f:replicas":{}}}},
              {"manager":"gotk-kustomize-controller","operation":"Update","fieldsV1":{"f:status":{}}}]}}
            """);

        Assert.Null(ManagedFieldsCleanup.Patch(Desired, live, Controller));
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"a","annotations":{"kustomize.toolkit.fluxcd.io/ssa":"Merge"}}}""", "{}")]
    [InlineData("{}", """{"labels":{"kustomize.toolkit.fluxcd.io/ssa":"merge"}}""")]
    public void Ssa_merge_in_git_or_in_the_cluster_skips_the_cleanup(string desired, string liveMetadata)
    {
        var live = Parse("""{"metadata":{"name":"a","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"},"managedFields":[{"manager":"kubectl-edit","operation":"Update","fieldsV1":{"f:data":{}}}]}}""");
        foreach (var (key, value) in Parse(liveMetadata))
        {
            live["metadata"]![key] = value?.DeepClone();
        }

        Assert.Null(ManagedFieldsCleanup.Patch(Parse(desired), live, Controller));
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
