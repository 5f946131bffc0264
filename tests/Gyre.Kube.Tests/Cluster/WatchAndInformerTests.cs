using System.Text.Json.Nodes;
using Gyre.Kube.Discovery;
using Gyre.Kube.Informers;
using Gyre.Kube.Tests.Informers;
using Gyre.Kube.Tests.Support;
using Gyre.Kube.Watch;

namespace Gyre.Kube.Tests.Cluster;

[Collection(LocalClusterCollection.Name)]
public sealed class WatchAndInformerTests(LocalClusterFixture cluster)
{
    private static readonly ApiResource ConfigMaps = new("", "v1", "configmaps", "ConfigMap", true);

    [Fact]
    public async Task A_watch_from_a_list_resourceVersion_sees_later_changes_in_order()
    {
        var ns = await cluster.NamespaceAsync("watch");
        using var client = await cluster.ClientAsync();
        var configMaps = client.Resource(ConfigMaps);
        var list = await configMaps.ListAsync(ns, null, TestTimeout.Token);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.Token);
        var seen = new List<string>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in configMaps.WatchAsync(ns, new WatchOptions { ResourceVersion = list.ResourceVersion }, stop.Token))
            {
                if (e.Type != WatchEventType.Bookmark)
                {
                    seen.Add($"{e.Type} {e.Object["metadata"]!["name"]}");
                }

                if (seen.Count == 3)
                {
                    return;
                }
            }
        });

        await cluster.Kubectl.RunAsync(null, "create", "configmap", "a", "-n", ns);
        await cluster.Kubectl.RunAsync(null, "label", "configmap", "a", "-n", ns, "x=y");
        await cluster.Kubectl.RunAsync(null, "delete", "configmap", "a", "-n", ns);
        await watching.WaitAsync(TestTimeout.Token);

        Assert.Equal(["Added a", "Modified a", "Deleted a"], seen);
    }

    [Fact]
    public async Task A_watch_from_a_compacted_resourceVersion_is_Gone()
    {
        var ns = await cluster.NamespaceAsync("gone");
        using var client = await cluster.ClientAsync();
        var configMaps = client.Resource(ConfigMaps);
        var old = (await configMaps.ListAsync(ns, null, TestTimeout.Token)).ResourceVersion;
        // The fixture keeps 50 changes in its watch cache; push the old resourceVersion out of it.
        for (var i = 0; i < 60; i++)
        {
            await configMaps.CreateAsync(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = $"cm-{i}", ["namespace"] = ns } }, null, TestTimeout.Token);
        }

        var error = await Assert.ThrowsAsync<KubeApiException>(async () =>
        {
            await foreach (var unused in configMaps.WatchAsync(ns, new WatchOptions { ResourceVersion = old }, TestTimeout.Token))
            {
            }
        });

        Assert.True(error.IsGone, error.Message);
    }

    [Fact]
    public async Task An_informer_keeps_its_cache_in_step_with_changes_made_by_kubectl()
    {
        var ns = await cluster.NamespaceAsync("inf");
        await cluster.Kubectl.RunAsync(null, "create", "configmap", "before", "-n", ns);
        using var client = await cluster.ClientAsync();
        await using var factory = new SharedInformerFactory(client);
        var informer = await factory.GetOrCreateAsync("v1", "ConfigMap", new InformerOptions { Namespace = ns }, TestTimeout.Token);
        var recorder = new SharedInformerReconnectTests.Recorder();
        informer.AddHandler(recorder);
        factory.StartAll();
        await factory.WaitForCacheSyncAsync(TestTimeout.Token);

        await cluster.Kubectl.RunAsync(null, "create", "configmap", "after", "-n", ns);
        await cluster.Kubectl.RunAsync(null, "delete", "configmap", "before", "-n", ns);
        await TestTimeout.Until(() => informer.Cache.Get(ns, "after") is not null && informer.Cache.Get(ns, "before") is null, "the cache to follow kubectl");

        Assert.Equal(["after"], informer.Cache.List(ns).Select(o => (string?)o["metadata"]!["name"]).Where(n => n != "kube-root-ca.crt"));
        await TestTimeout.Until(() => recorder.Seen.Any(s => s == "delete before"), "the delete notification");
        Assert.StartsWith("add before", recorder.Seen.First(s => s.Contains("before", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Informers_reconnect_across_an_API_server_restart()
    {
        var ns = await cluster.NamespaceAsync("restart");
        using var client = await cluster.ClientAsync(new KubeClientOptions { Qps = 0, RequestTimeout = TimeSpan.FromSeconds(5) });
        await using var factory = new SharedInformerFactory(client);
        var informer = factory.GetOrCreate(ConfigMaps, new InformerOptions { Namespace = ns });
        informer.Start();
        await informer.WaitForSyncAsync(TestTimeout.Token);

        await cluster.RestartAsync();
        await cluster.Kubectl.RunAsync(null, "create", "configmap", "after-restart", "-n", ns);

        await TestTimeout.Until(() => informer.Cache.Get(ns, "after-restart") is not null, "the informer to see a change made after the restart", seconds: 45);
    }
}
