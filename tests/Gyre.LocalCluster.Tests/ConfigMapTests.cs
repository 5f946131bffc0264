using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Tests;

public sealed class ConfigMapTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _cluster;

    public ConfigMapTests(ClusterFixture cluster)
    {
        _cluster = cluster;
    }

    [Fact]
    public async Task Kubectl_creates_gets_lists_and_deletes_a_configmap()
    {
        var ns = await _cluster.NamespaceAsync("cm");
        var k = _cluster.Kubectl;
        (await k.RunAsync("-n", ns, "create", "configmap", "app", "--from-literal=color=blue", "--from-literal=size=10")).Ok();

        var obj = await _cluster.GetJsonAsync("-n", ns, "get", "configmap", "app");
        Assert.Equal("blue", obj["data"]!["color"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(obj["metadata"]!["uid"]!.GetValue<string>()));
        Assert.Matches("^[0-9]+$", obj["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.EndsWith("Z", obj["metadata"]!["creationTimestamp"]!.GetValue<string>());

        var table = (await k.RunAsync("-n", ns, "get", "cm")).Ok().Output;
        Assert.Matches(@"NAME\s+DATA\s+AGE", table);
        Assert.Matches(@"app\s+2\s+\d+s", table);

        var names = (await k.RunAsync("-n", ns, "get", "configmaps", "-o", "name")).Ok().Output;
        Assert.Equal("configmap/app", names.Trim());

        (await k.RunAsync("-n", ns, "delete", "configmap", "app")).Ok();
        (await k.RunAsync("-n", ns, "get", "configmap", "app")).Fails("Error from server (NotFound): configmaps \"app\" not found");
    }

    [Fact]
    public async Task Kubectl_watch_sees_added_modified_and_deleted_events()
    {
        var ns = await _cluster.NamespaceAsync("watch");
        var k = _cluster.Kubectl;
        using var watch = k.Start("-n", ns, "get", "configmaps", "--watch", "--output-watch-events", "-o", "json");
        var lines = new List<string>();
        var reader = Task.Run(async () =>
        {
            string? line;
            while ((line = await watch.StandardOutput.ReadLineAsync()) is not null)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        });

        // The watch starts with the current state; wait until kubectl is connected by creating and seeing an object.
        (await k.RunAsync("-n", ns, "create", "configmap", "w1", "--from-literal=a=1")).Ok();
        await ClusterFixture.EventuallyAsync(() => Task.FromResult(Text(lines).Contains("\"ADDED\"")), "ADDED event");
        (await k.RunAsync("-n", ns, "patch", "configmap", "w1", "--type=merge", "-p", "{\"data\":{\"a\":\"2\"}}")).Ok();
        (await k.RunAsync("-n", ns, "delete", "configmap", "w1")).Ok();
        await ClusterFixture.EventuallyAsync(() => Task.FromResult(Text(lines).Contains("\"DELETED\"")), "DELETED event");
        watch.Kill(entireProcessTree: true);
        await reader;
        var text = Text(lines);
        Assert.Contains("\"MODIFIED\"", text);
        Assert.True(text.IndexOf("\"ADDED\"", StringComparison.Ordinal) < text.IndexOf("\"MODIFIED\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stale_resource_version_update_is_a_409_conflict()
    {
        var ns = await _cluster.NamespaceAsync("conflict");
        var k = _cluster.Kubectl;
        (await k.RunAsync("-n", ns, "create", "configmap", "c", "--from-literal=a=1")).Ok();
        var obj = await _cluster.GetJsonAsync("-n", ns, "get", "configmap", "c");
        (await k.RunAsync("-n", ns, "patch", "configmap", "c", "--type=merge", "-p", "{\"data\":{\"a\":\"2\"}}")).Ok();
        obj["data"]!["a"] = "3";
        (await k.RunWithInputAsync(obj.ToJsonString(), "replace", "-f", "-"))
            .Fails("Operation cannot be fulfilled on configmaps \"c\": the object has been modified; please apply your changes to the latest version and try again");
    }

    private static string Text(List<string> lines)
    {
        lock (lines)
        {
            return string.Join("\n", lines);
        }
    }
}
