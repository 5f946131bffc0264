using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Gyre.Kube.Discovery;
using Gyre.Kube.Informers;
using Gyre.Kube.Tests.Support;

namespace Gyre.Kube.Tests.Informers;

public sealed class SharedInformerReconnectTests
{
    private static readonly ApiResource ConfigMaps = new("", "v1", "configmaps", "ConfigMap", true);

    public sealed class Recorder : IInformerHandler
    {
        public ConcurrentQueue<string> Seen { get; } = new();

        public void OnAdd(JsonObject obj, bool isInInitialList) => Seen.Enqueue($"add {obj["metadata"]!["name"]} {obj["metadata"]!["resourceVersion"]}{(isInInitialList ? " initial" : "")}");

        public void OnUpdate(JsonObject oldObj, JsonObject newObj) => Seen.Enqueue($"update {newObj["metadata"]!["name"]} {newObj["metadata"]!["resourceVersion"]}");

        public void OnDelete(JsonObject obj) => Seen.Enqueue($"delete {obj["metadata"]!["name"]}");
    }

    [Fact]
    public async Task Reconnects_from_the_last_resourceVersion_and_relists_after_410_Gone_without_losing_deletes()
    {
        var script = new ScriptedWatchServer();
        script.Lists.Enqueue(ScriptedWatchServer.List("3", ScriptedWatchServer.Cm("a", "2"), ScriptedWatchServer.Cm("b", "3")));
        script.Watches.Enqueue(ScriptedWatchServer.Events(abortWhen: null, ScriptedWatchServer.Event("MODIFIED", "a", "4")));
        script.Watches.Enqueue(ScriptedWatchServer.Events(abortWhen: null, ScriptedWatchServer.Gone));
        // While the watch was expired, b was deleted and c created: only the relist can tell.
        script.Lists.Enqueue(ScriptedWatchServer.List("9", ScriptedWatchServer.Cm("a", "4"), ScriptedWatchServer.Cm("c", "9")));
        await using var server = await TestHttpServer.StartAsync(script.HandleAsync);
        using var client = new KubeClient(Connections.Plain(server.Address), Connections.NoRetries);
        await using var factory = new SharedInformerFactory(client);
        var informer = factory.GetOrCreate(ConfigMaps, new InformerOptions { Namespace = "default" });
        var recorder = new Recorder();
        informer.AddHandler(recorder);

        factory.StartAll();
        await factory.WaitForCacheSyncAsync(TestTimeout.Token);
        await TestTimeout.Until(() => informer.ListCount == 2 && recorder.Seen.Count == 6 && server.Requests.Count(r => r.PathAndQuery.Contains("watch=1")) == 3, $"the relist after 410 (lists {informer.ListCount}, seen {string.Join(" | ", recorder.Seen)}, requests {string.Join(" ", server.Requests.Select(r => r.PathAndQuery))})");

        Assert.Equal(["add a 2 initial", "add b 3 initial", "update a 4", "delete b", "update a 4", "add c 9"], recorder.Seen);
        Assert.Equal(["default/a", "default/c"], informer.Cache.List().Select(ObjectCache.KeyOf));
        var watches = server.Requests.Where(r => r.PathAndQuery.Contains("watch=1")).Select(r => r.PathAndQuery).ToList();
        Assert.Contains("resourceVersion=3&", watches[0], StringComparison.Ordinal);
        Assert.Contains("resourceVersion=4&", watches[1], StringComparison.Ordinal);
        Assert.Contains("resourceVersion=9&", watches[2], StringComparison.Ordinal);
        Assert.Same(informer, factory.GetOrCreate(ConfigMaps, new InformerOptions { Namespace = "default" }));
    }

    [Fact]
    public async Task A_handler_added_late_is_replayed_the_cache_and_resync_redelivers_updates()
    {
        var script = new ScriptedWatchServer();
        script.Lists.Enqueue(ScriptedWatchServer.List("3", ScriptedWatchServer.Cm("a", "2")));
        await using var server = await TestHttpServer.StartAsync(script.HandleAsync);
        var clock = new ManualTimeProvider();
        using var client = new KubeClient(Connections.Plain(server.Address), Connections.NoRetries with { RequestTimeout = Timeout.InfiniteTimeSpan });
        var log = new CollectingLogger();
        await using var factory = new SharedInformerFactory(client, clock, log);
        var informer = factory.GetOrCreate(ConfigMaps, new InformerOptions { ResyncPeriod = TimeSpan.FromMinutes(1) });
        informer.Start();
        await informer.WaitForSyncAsync(TestTimeout.Token);

        var late = new Recorder();
        informer.AddHandler(late);
        await TestTimeout.Until(() => late.Seen.Count == 1, $"the replay (cache {informer.Cache.Count}) {log}");
        await TestTimeout.Until(() => clock.HasTimerDueIn(TimeSpan.FromMinutes(1)), "the resync timer");
        clock.Advance(TimeSpan.FromMinutes(1));
        await TestTimeout.Until(() => late.Seen.Count == 2, "the resync");

        Assert.Equal(["add a 2 initial", "update a 2"], late.Seen);
    }

    [Fact]
    public async Task A_failed_list_is_retried_until_it_succeeds()
    {
        var script = new ScriptedWatchServer();
        script.Lists.Enqueue(ScriptedWatchServer.Forbidden);
        script.Lists.Enqueue(ScriptedWatchServer.List("3", ScriptedWatchServer.Cm("a", "2")));
        await using var server = await TestHttpServer.StartAsync(script.HandleAsync);
        using var client = new KubeClient(Connections.Plain(server.Address), Connections.NoRetries);
        var log = new CollectingLogger();
        await using var factory = new SharedInformerFactory(client, logger: log);
        var informer = factory.GetOrCreate(ConfigMaps, new InformerOptions { Namespace = "default" });

        informer.Start();
        await informer.WaitForSyncAsync(TestTimeout.Token);

        Assert.NotNull(informer.Cache.Get("default", "a"));
        Assert.Contains(log.Lines, l => l.Contains("Forbidden (403)", StringComparison.Ordinal));
    }
}
