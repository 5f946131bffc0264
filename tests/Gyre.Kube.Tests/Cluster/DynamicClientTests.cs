using System.Text.Json.Nodes;
using Gyre.Kube.Dynamic;
using Gyre.Kube.Tests.Support;

namespace Gyre.Kube.Tests.Cluster;

[Collection(LocalClusterCollection.Name)]
public sealed class DynamicClientTests(LocalClusterFixture cluster)
{
    private static JsonObject ConfigMap(string ns, string name, string value, string? labels = null)
    {
        var obj = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["data"] = new JsonObject { ["key"] = value },
        };
        if (labels is not null)
        {
            obj["metadata"]!["labels"] = JsonNode.Parse(labels);
        }

        return obj;
    }

    [Fact]
    public async Task What_Gyre_creates_kubectl_reads_and_what_kubectl_creates_Gyre_reads()
    {
        var ns = await cluster.NamespaceAsync("rw");
        using var client = await cluster.ClientAsync();
        var configMaps = await client.ForKindAsync("v1", "ConfigMap", TestTimeout.Token);

        var created = await configMaps.CreateAsync(ConfigMap(ns, "from-gyre", "one"), new WriteOptions { FieldManager = "gyre" }, TestTimeout.Token);
        await cluster.Kubectl.RunAsync(null, "create", "configmap", "from-kubectl", "-n", ns, "--from-literal=key=two");

        var seenByKubectl = await cluster.Kubectl.GetJsonAsync("get", "configmap", "from-gyre", "-n", ns);
        Assert.Equal("one", (string?)seenByKubectl["data"]!["key"]);
        Assert.Equal((string?)created["metadata"]!["uid"], (string?)seenByKubectl["metadata"]!["uid"]);
        var seenByGyre = await configMaps.GetAsync(ns, "from-kubectl", TestTimeout.Token);
        Assert.Equal("two", (string?)seenByGyre["data"]!["key"]);
        Assert.Equal("ConfigMap", (string?)seenByGyre["kind"]);
    }

    [Fact]
    public async Task Lists_filter_by_label_and_field_selectors_and_page_with_continue_tokens()
    {
        var ns = await cluster.NamespaceAsync("list");
        using var client = await cluster.ClientAsync();
        var configMaps = await client.ForKindAsync("v1", "ConfigMap", TestTimeout.Token);
        for (var i = 0; i < 5; i++)
        {
            await configMaps.CreateAsync(ConfigMap(ns, $"cm-{i}", $"{i}", i % 2 == 0 ? """{"parity":"even"}""" : """{"parity":"odd"}"""), null, TestTimeout.Token);
        }

        var even = await configMaps.ListAsync(ns, new ListOptions { LabelSelector = "parity=even" }, TestTimeout.Token);
        var byName = await configMaps.ListAsync(ns, new ListOptions { FieldSelector = "metadata.name=cm-3" }, TestTimeout.Token);
        var firstPage = await configMaps.ListAsync(ns, new ListOptions { Limit = 2, LabelSelector = "parity" }, TestTimeout.Token);
        var all = new List<string>();
        await foreach (var item in configMaps.ListAllAsync(ns, new ListOptions { Limit = 2, LabelSelector = "parity" }, TestTimeout.Token))
        {
            all.Add((string)item["metadata"]!["name"]!);
        }

        Assert.Equal(["cm-0", "cm-2", "cm-4"], even.Items.Select(i => (string)i["metadata"]!["name"]!).Order());
        Assert.Equal("cm-3", (string?)Assert.Single(byName.Items)["metadata"]!["name"]);
        Assert.Equal(2, firstPage.Items.Count);
        Assert.NotNull(firstPage.Continue);
        Assert.Equal(["cm-0", "cm-1", "cm-2", "cm-3", "cm-4"], all);
    }

    [Fact]
    public async Task A_stale_resourceVersion_is_a_Conflict_and_a_duplicate_create_is_AlreadyExists()
    {
        var ns = await cluster.NamespaceAsync("conflict");
        using var client = await cluster.ClientAsync();
        var configMaps = await client.ForKindAsync("v1", "ConfigMap", TestTimeout.Token);
        var original = await configMaps.CreateAsync(ConfigMap(ns, "cm", "v1"), null, TestTimeout.Token);
        await cluster.Kubectl.RunAsync(null, "label", "configmap", "cm", "-n", ns, "changed=by-kubectl");

        var stale = original.DeepClone().AsObject();
        stale["data"]!["key"] = "v2";
        var conflict = await Assert.ThrowsAsync<KubeApiException>(() => configMaps.UpdateAsync(stale, null, TestTimeout.Token));
        var duplicate = await Assert.ThrowsAsync<KubeApiException>(() => configMaps.CreateAsync(ConfigMap(ns, "cm", "x"), null, TestTimeout.Token));
        var missing = await Assert.ThrowsAsync<KubeApiException>(() => configMaps.GetAsync(ns, "nope", TestTimeout.Token));

        Assert.True(conflict.IsConflict, conflict.Message);
        Assert.False(conflict.IsTransient);
        Assert.StartsWith($"update configmaps {ns}/cm: Conflict (409):", conflict.Message, StringComparison.Ordinal);
        Assert.EndsWith("; re-read the object and apply the change to its latest resourceVersion", conflict.Message, StringComparison.Ordinal);
        Assert.True(duplicate.IsAlreadyExists, duplicate.Message);
        Assert.True(missing.IsNotFound, missing.Message);
    }

    [Fact]
    public async Task Json_merge_and_strategic_merge_patches_change_the_object()
    {
        var ns = await cluster.NamespaceAsync("patch");
        using var client = await cluster.ClientAsync();
        var configMaps = await client.ForKindAsync("v1", "ConfigMap", TestTimeout.Token);
        await configMaps.CreateAsync(ConfigMap(ns, "cm", "v1"), null, TestTimeout.Token);

        await configMaps.PatchAsync(ns, "cm", PatchType.Json, """[{"op":"replace","path":"/data/key","value":"json"}]""", null, TestTimeout.Token);
        await configMaps.PatchAsync(ns, "cm", PatchType.Merge, """{"data":{"merged":"yes"}}""", null, TestTimeout.Token);
        await configMaps.PatchAsync(ns, "cm", PatchType.StrategicMerge, """{"metadata":{"labels":{"smp":"yes"}}}""", null, TestTimeout.Token);

        var result = await cluster.Kubectl.GetJsonAsync("get", "configmap", "cm", "-n", ns);
        Assert.Equal("json", (string?)result["data"]!["key"]);
        Assert.Equal("yes", (string?)result["data"]!["merged"]);
        Assert.Equal("yes", (string?)result["metadata"]!["labels"]!["smp"]);
    }

    [Fact]
    public async Task Server_side_apply_records_the_field_manager_detects_conflicts_and_force_takes_ownership()
    {
        var ns = await cluster.NamespaceAsync("apply");
        using var client = await cluster.ClientAsync();
        var configMaps = await client.ForKindAsync("v1", "ConfigMap", TestTimeout.Token);

        await configMaps.ApplyAsync(ConfigMap(ns, "cm", "gyre"), new WriteOptions { FieldManager = "gyre" }, TestTimeout.Token);
        var conflict = await Assert.ThrowsAsync<KubeApiException>(() =>
            configMaps.ApplyAsync(ConfigMap(ns, "cm", "other"), new WriteOptions { FieldManager = "other" }, TestTimeout.Token));
        var forced = await configMaps.ApplyAsync(ConfigMap(ns, "cm", "other"), new WriteOptions { FieldManager = "other", Force = true }, TestTimeout.Token);

        Assert.True(conflict.IsConflict, conflict.Message);
        Assert.Equal("other", (string?)forced["data"]!["key"]);
        var managers = (await cluster.Kubectl.GetJsonAsync("get", "configmap", "cm", "-n", ns, "--show-managed-fields"))["metadata"]!["managedFields"]!.AsArray()
            .Select(m => (string?)m!["manager"]).ToList();
        Assert.Contains("other", managers);
    }

    [Fact]
    public async Task Dry_run_validates_without_persisting()
    {
        var ns = await cluster.NamespaceAsync("dryrun");
        using var client = await cluster.ClientAsync();
        var configMaps = await client.ForKindAsync("v1", "ConfigMap", TestTimeout.Token);

        var result = await configMaps.ApplyAsync(ConfigMap(ns, "cm", "dry"), new WriteOptions { FieldManager = "gyre", DryRun = true }, TestTimeout.Token);
        var created = await configMaps.CreateAsync(ConfigMap(ns, "cm2", "dry"), new WriteOptions { DryRun = true }, TestTimeout.Token);

        Assert.Equal("dry", (string?)result["data"]!["key"]);
        Assert.Equal("dry", (string?)created["data"]!["key"]);
        var list = await cluster.Kubectl.GetJsonAsync("get", "configmaps", "-n", ns);
        Assert.DoesNotContain(list["items"]!.AsArray(), i => ((string?)i!["metadata"]!["name"])!.StartsWith("cm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_honours_preconditions_and_reports_a_missing_object()
    {
        var ns = await cluster.NamespaceAsync("delete");
        using var client = await cluster.ClientAsync();
        var configMaps = await client.ForKindAsync("v1", "ConfigMap", TestTimeout.Token);
        var cm = await configMaps.CreateAsync(ConfigMap(ns, "cm", "v1"), null, TestTimeout.Token);

        var wrongUid = await Assert.ThrowsAsync<KubeApiException>(() =>
            configMaps.DeleteAsync(ns, "cm", new DeleteOptions { PreconditionUid = "00000000-0000-0000-0000-000000000000" }, TestTimeout.Token));
        await configMaps.DeleteAsync(ns, "cm", new DeleteOptions
        {
            PreconditionUid = (string?)cm["metadata"]!["uid"],
            PropagationPolicy = PropagationPolicy.Background,
        }, TestTimeout.Token);
        var gone = await Assert.ThrowsAsync<KubeApiException>(() => configMaps.DeleteAsync(ns, "cm", null, TestTimeout.Token));

        Assert.True(wrongUid.IsConflict, wrongUid.Message);
        Assert.True(gone.IsNotFound, gone.Message);
    }
}
