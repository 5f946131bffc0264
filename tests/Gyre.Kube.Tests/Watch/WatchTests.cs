using Gyre.Kube.Discovery;
using Gyre.Kube.Tests.Support;
using Gyre.Kube.Watch;

namespace Gyre.Kube.Tests.Watch;

public sealed class WatchTests
{
    private static readonly ApiResource ConfigMaps = new("", "v1", "configmaps", "ConfigMap", true);

    [Fact]
    public async Task Events_stream_as_they_arrive_and_a_broken_connection_is_a_transient_error()
    {
        var script = new ScriptedWatchServer();
        var readAll = new TaskCompletionSource();
        script.Watches.Enqueue(ScriptedWatchServer.Events(readAll.Task,
            ScriptedWatchServer.Event("ADDED", "a", "5"),
            """{"type":"BOOKMARK","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"resourceVersion":"7"}}}""",
            ScriptedWatchServer.Event("DELETED", "a", "8")));
        await using var server = await TestHttpServer.StartAsync(script.HandleAsync);
        using var client = new KubeClient(Connections.Plain(server.Address), Connections.NoRetries);
        var seen = new List<WatchEvent>();

        var error = await Assert.ThrowsAsync<KubeTransportException>(async () =>
        {
            await foreach (var e in client.Resource(ConfigMaps).WatchAsync("default", new WatchOptions { ResourceVersion = "4" }, TestTimeout.Token))
            {
                seen.Add(e);
                if (seen.Count == 3)
                {
                    readAll.SetResult();
                }
            }
        });

        Assert.True(error.IsTransient, error.ToString());
        Assert.True(seen.Count == 3, error.ToString());
        Assert.Equal([WatchEventType.Added, WatchEventType.Bookmark, WatchEventType.Deleted], seen.Select(e => e.Type));
        Assert.Equal(["5", "7", "8"], seen.Select(e => e.ResourceVersion!));
        Assert.Equal("ConfigMap", (string?)seen[0].Object["kind"]);
        Assert.Equal("/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=4&allowWatchBookmarks=true&timeoutSeconds=300",
            Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task An_expired_resourceVersion_surfaces_as_Gone()
    {
        var script = new ScriptedWatchServer();
        script.Watches.Enqueue(ScriptedWatchServer.Events(abortWhen: null, ScriptedWatchServer.Gone));
        await using var server = await TestHttpServer.StartAsync(script.HandleAsync);
        using var client = new KubeClient(Connections.Plain(server.Address), Connections.NoRetries);

        var error = await Assert.ThrowsAsync<KubeApiException>(async () =>
        {
            await foreach (var unused in client.Resource(ConfigMaps).WatchAsync("default", new WatchOptions { ResourceVersion = "2" }, TestTimeout.Token))
            {
            }
        });

        Assert.True(error.IsGone);
        Assert.Equal("watch configmaps in namespace default: Expired (410): too old resource version: 2 (10); list again to get a current resourceVersion", error.Message);
    }
}
