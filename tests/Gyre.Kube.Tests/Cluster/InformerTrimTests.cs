using System.Text.Json.Nodes;
using Gyre.Kube.Dynamic;
using Gyre.Kube.Informers;
using Gyre.Kube.Tests.Support;

namespace Gyre.Kube.Tests.Cluster;

[Collection(LocalClusterCollection.Name)]
public sealed class InformerTrimTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task A_factory_that_strips_managed_fields_caches_listed_and_watched_objects_without_them()
    {
        var ns = await cluster.NamespaceAsync("strip");
        await cluster.Kubectl.RunAsync(null, "create", "configmap", "listed", "-n", ns, "--from-literal=a=1");
        using var client = await cluster.ClientAsync();
        await using var factory = new SharedInformerFactory(client) { StripManagedFields = true };
        var informer = await factory.GetOrCreateAsync("v1", "ConfigMap", new InformerOptions { Namespace = ns }, TestTimeout.Token);
        factory.StartAll();
        await factory.WaitForCacheSyncAsync(TestTimeout.Token);
        await cluster.Kubectl.RunAsync(null, "create", "configmap", "watched", "-n", ns, "--from-literal=b=2");
        await TestTimeout.Until(() => informer.Cache.Get(ns, "watched") is not null, "the watched ConfigMap in the cache");

        var live = await (await client.ForKindAsync("v1", "ConfigMap", TestTimeout.Token)).GetAsync(ns, "watched", TestTimeout.Token);
        Assert.NotNull(live["metadata"]!["managedFields"]);
        foreach (var name in (string[])["listed", "watched"])
        {
            var cached = informer.Cache.Get(ns, name)!;
            Assert.Null(cached["metadata"]!["managedFields"]);
            Assert.NotNull(cached["data"]);
        }
    }

    [Fact]
    public async Task A_metadata_only_informer_keeps_no_Secret_data_and_still_sees_each_change()
    {
        var ns = await cluster.NamespaceAsync("meta");
        await cluster.Kubectl.RunAsync(null, "create", "secret", "generic", "token", "-n", ns, "--from-literal=token=s3cr3t");
        using var client = await cluster.ClientAsync();
        await using var factory = new SharedInformerFactory(client);
        var informer = await factory.GetOrCreateAsync("v1", "Secret", new InformerOptions { Namespace = ns, MetadataOnly = true }, TestTimeout.Token);
        factory.StartAll();
        await factory.WaitForCacheSyncAsync(TestTimeout.Token);
        var before = informer.Cache.Get(ns, "token")!;
        Assert.Equal(["apiVersion", "kind", "metadata"], before.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("token", (string?)before["metadata"]!["name"]);

        var secrets = await client.ForKindAsync("v1", "Secret", TestTimeout.Token);
        var changed = await secrets.PatchAsync(ns, "token", PatchType.Merge, """{"stringData":{"token":"rotated"}}""", null, TestTimeout.Token);
        var version = (string?)changed["metadata"]!["resourceVersion"];
        await TestTimeout.Until(() => (string?)informer.Cache.Get(ns, "token")?["metadata"]?["resourceVersion"] == version, "the rotated Secret's resourceVersion in the cache");

        Assert.Null(informer.Cache.Get(ns, "token")!["data"]);
        Assert.DoesNotContain(Convert.ToBase64String("rotated"u8), informer.Cache.Get(ns, "token")!.ToJsonString(), StringComparison.Ordinal);
    }
}
