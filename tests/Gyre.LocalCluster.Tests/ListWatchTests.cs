using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Tests;

public sealed class ListWatchTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _cluster;

    public ListWatchTests(ClusterFixture cluster)
    {
        _cluster = cluster;
    }

    private Kubectl K => _cluster.Kubectl;

    private async Task<string> SeedAsync()
    {
        var ns = await _cluster.NamespaceAsync("sel");
        foreach (var (name, labels) in new[] { ("a", "app=web,tier=front"), ("b", "app=web,tier=back"), ("c", "app=db"), ("d", "other=x") })
        {
            (await K.RunAsync("-n", ns, "create", "configmap", name)).Ok();
            (await K.RunAsync(["-n", ns, "label", "cm", name, .. labels.Split(',')])).Ok();
        }

        return ns;
    }

    private async Task<string> NamesAsync(string ns, params string[] args)
    {
        var output = (await K.RunAsync(["-n", ns, "get", "cm", "-o", "name", .. args])).Ok().Output;
        return string.Join(",", output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Replace("configmap/", string.Empty, StringComparison.Ordinal)).Where(n => n != "kube-root-ca.crt"));
    }

    [Theory]
    [InlineData("app=web", "a,b")]
    [InlineData("app==web", "a,b")]
    [InlineData("app!=web", "c,d")]
    [InlineData("app in (web,db)", "a,b,c")]
    [InlineData("app notin (web)", "c,d")]
    [InlineData("tier", "a,b")]
    [InlineData("!tier", "c,d")]
    [InlineData("app=web,tier=back", "b")]
    public async Task Label_selectors_filter_lists(string selector, string expected)
    {
        var ns = await SeedAsync();
        Assert.Equal(expected, await NamesAsync(ns, "-l", selector));
    }

    [Fact]
    public async Task Field_selectors_filter_by_name_and_per_kind_fields()
    {
        var ns = await SeedAsync();
        Assert.Equal("b", await NamesAsync(ns, "--field-selector", "metadata.name=b"));
        Assert.Equal("a,c,d", await NamesAsync(ns, "--field-selector", "metadata.name!=b"));
        (await K.RunAsync("-n", ns, "get", "cm", "--field-selector", "data.x=1")).Fails("field label not supported: data.x");
        (await K.RunAsync("-n", ns, "create", "secret", "generic", "s1", "--from-literal=a=b")).Ok();
        var secrets = (await K.RunAsync("-n", ns, "get", "secrets", "--field-selector", "type=Opaque", "-o", "name")).Ok().Output;
        Assert.Contains("secret/s1", secrets, StringComparison.Ordinal);
        var eventJson = $"{{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{{\"name\":\"e1\"}},\"involvedObject\":{{\"kind\":\"ConfigMap\",\"name\":\"a\",\"namespace\":\"{ns}\"}},\"reason\":\"Tested\",\"message\":\"hello\",\"type\":\"Normal\"}}";
        (await K.RunWithInputAsync(eventJson, "-n", ns, "create", "-f", "-")).Ok();
        var events = (await K.RunAsync("-n", ns, "get", "events", "--field-selector", "involvedObject.name=a,involvedObject.kind=ConfigMap", "-o", "name")).Ok().Output;
        Assert.Contains("event/e1", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limit_and_continue_page_through_a_list()
    {
        var ns = await SeedAsync();
        var first = JsonNode.Parse((await K.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/configmaps?limit=3")).Ok().Output)!;
        Assert.Equal(3, first["items"]!.AsArray().Count);
        var token = first["metadata"]!["continue"]!.GetValue<string>();
        Assert.Equal(1, first["metadata"]!["remainingItemCount"]!.GetValue<int>());
        var second = JsonNode.Parse((await K.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/configmaps?limit=3&continue={Uri.EscapeDataString(token)}")).Ok().Output)!;
        Assert.Single(second["items"]!.AsArray());
        Assert.Null(second["metadata"]!["continue"]);
        Assert.Equal("a,b,c,d", await NamesAsync(ns, "--chunk-size=1"));
    }

    [Fact]
    public async Task Watch_from_a_resource_version_replays_later_changes_with_bookmarks()
    {
        var ns = await SeedAsync();
        var list = JsonNode.Parse((await K.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/configmaps")).Ok().Output)!;
        var rv = list["metadata"]!["resourceVersion"]!.GetValue<string>();
        (await K.RunAsync("-n", ns, "create", "configmap", "later")).Ok();
        (await K.RunAsync("-n", ns, "delete", "configmap", "a")).Ok();
        var stream = (await K.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={rv}&allowWatchBookmarks=true&timeoutSeconds=2")).Ok().Output;
        var events = stream.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal("ADDED", events[0]["type"]!.GetValue<string>());
        Assert.Equal("later", events[0]["object"]!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("DELETED", events[1]["type"]!.GetValue<string>());
        Assert.Contains(events, e => e["type"]!.GetValue<string>() == "BOOKMARK");
    }

    [Fact]
    public async Task A_selector_watch_sees_objects_enter_and_leave_the_selection()
    {
        var ns = await _cluster.NamespaceAsync("selwatch");
        (await K.RunAsync("-n", ns, "create", "configmap", "moving")).Ok();
        // Watching from the list's resourceVersion replays the changes however late kubectl connects.
        var rv = JsonNode.Parse((await K.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/configmaps")).Ok().Output)!["metadata"]!["resourceVersion"]!.GetValue<string>();
        var watch = K.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/configmaps?watch=true&labelSelector=app%3Dweb&resourceVersion={rv}&timeoutSeconds=3");
        (await K.RunAsync("-n", ns, "label", "cm", "moving", "app=web")).Ok();
        (await K.RunAsync("-n", ns, "label", "cm", "moving", "app=db", "--overwrite")).Ok();
        var types = (await watch).Ok().Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!["type"]!.GetValue<string>());
        Assert.Equal(["ADDED", "DELETED"], types);
    }

    [Fact]
    public async Task Concurrent_watchers_all_receive_every_event()
    {
        var ns = await _cluster.NamespaceAsync("many");
        var rv = JsonNode.Parse((await K.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/configmaps")).Ok().Output)!["metadata"]!["resourceVersion"]!.GetValue<string>();
        var watches = Enumerable.Range(0, 3).Select(_ => K.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={rv}&timeoutSeconds=3")).ToList();
        await Task.Delay(500);
        (await K.RunAsync("-n", ns, "create", "configmap", "shared")).Ok();
        (await K.RunAsync("-n", ns, "delete", "configmap", "shared")).Ok();
        foreach (var watch in watches)
        {
            var output = (await watch).Ok().Output;
            Assert.Contains("\"ADDED\"", output, StringComparison.Ordinal);
            Assert.Contains("\"DELETED\"", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Watch_from_a_compacted_resource_version_gets_an_error_event_with_410_gone()
    {
        var ns = await _cluster.NamespaceAsync("gone");
        // The fixture keeps 1000 events; push the window past resourceVersion 1.
        for (var i = 0; i < 3; i++)
        {
            var docs = string.Join("---\n", Enumerable.Range(0, 400).Select(n => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}-{n}\n"));
            (await K.RunWithInputAsync(docs, "-n", ns, "create", "-f", "-")).Ok();
        }

        var output = (await K.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion=1")).Ok().Output;
        var error = JsonNode.Parse(output.Trim())!;
        Assert.Equal("ERROR", error["type"]!.GetValue<string>());
        Assert.Equal(410, error["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", error["object"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Exact_list_at_an_old_resource_version_is_410()
    {
        (await K.RunAsync("get", "--raw", "/api/v1/configmaps?resourceVersion=1&resourceVersionMatch=Exact")).Fails("Expired");
    }

    [Fact]
    public async Task Table_output_shows_namespace_column_for_all_namespaces_and_wide_columns()
    {
        var ns = await SeedAsync();
        var all = (await K.RunAsync("get", "cm", "-A", "-l", "app=db")).Ok().Output;
        Assert.Matches(@"NAMESPACE\s+NAME\s+DATA\s+AGE", all);
        Assert.Matches(ns + @"\s+c\s+0\s+\d+s", all);
        var labels = (await K.RunAsync("-n", ns, "get", "cm", "c", "--show-labels")).Ok().Output;
        Assert.Contains("app=db", labels, StringComparison.Ordinal);
    }
}
