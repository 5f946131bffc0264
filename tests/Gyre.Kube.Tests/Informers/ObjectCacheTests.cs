using System.Text.Json.Nodes;
using Gyre.Kube.Informers;

namespace Gyre.Kube.Tests.Informers;

public sealed class ObjectCacheTests
{
    private static JsonObject Cm(string ns, string name) => new() { ["metadata"] = new JsonObject { ["namespace"] = ns, ["name"] = name } };

    [Fact]
    public void Lists_in_key_order_and_by_namespace()
    {
        var cache = new ObjectCache();
        cache.Upsert(Cm("b", "x"));
        cache.Upsert(Cm("a", "y"));
        cache.Upsert(Cm("a", "x"));
        cache.Upsert(Cm("ab", "z"));

        Assert.Equal(["a/x", "a/y", "ab/z", "b/x"], cache.List().Select(ObjectCache.KeyOf));
        Assert.Equal(["a/x", "a/y"], cache.List("a").Select(ObjectCache.KeyOf));
    }

    [Fact]
    public async Task Lists_a_sorted_snapshot_while_the_watch_adds_and_deletes_objects()
    {
        // The bench's driver threw IndexOutOfRangeException from List() when an add landed mid-call.
        var cache = new ObjectCache();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var obj = Cm("bench", $"app-{i % 256:D3}");
                if (cache.Remove(obj) is null)
                {
                    cache.Upsert(obj);
                }
            }
        });

        try
        {
            for (var round = 0; round < 20_000; round++)
            {
                var keys = cache.List().Select(ObjectCache.KeyOf).ToList();
                Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
                Assert.All(cache.List("bench"), o => Assert.Equal("bench", (string?)o["metadata"]!["namespace"]));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }
    }
}
