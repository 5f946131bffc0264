using System.Text.Json.Nodes;
using Gyre.Apply.Diff;

namespace Gyre.Apply.Tests;

public sealed class FieldDiffTests
{
    [Fact]
    public void Lists_the_paths_that_differ_in_document_order()
    {
        var live = JsonNode.Parse("""{"spec":{"replicas":5,"template":{"spec":{"containers":[{"name":"a","image":"x:1"}]}}},"metadata":{"labels":{"a":"1"}}}""");
        var desired = JsonNode.Parse("""{"spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"a","image":"x:2"}]}}},"metadata":{"labels":{"a":"1","b":"2"}}}""");

        Assert.Equal(["spec.replicas", "spec.template.spec.containers[0].image", "metadata.labels.b"], FieldDiff.Paths(live, desired));
    }

    [Fact]
    public void Server_written_fields_and_status_are_not_drift()
    {
        var live = JsonNode.Parse("""{"metadata":{"resourceVersion":"1","generation":1,"managedFields":[]},"status":{"ready":1}}""");
        var desired = JsonNode.Parse("""{"metadata":{"resourceVersion":"2","generation":2,"managedFields":[{}]},"status":{"ready":0}}""");

        Assert.Empty(FieldDiff.Paths(live, desired));
    }

    [Fact]
    public void A_list_that_changed_length_is_reported_as_a_whole()
    {
        Assert.Equal(["ports"], FieldDiff.Paths(JsonNode.Parse("""{"ports":[1]}"""), JsonNode.Parse("""{"ports":[1,2]}""")));
    }
}
