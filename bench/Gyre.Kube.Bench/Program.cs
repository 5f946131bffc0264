using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Kube;
using Gyre.Kube.Bench;
using Gyre.Kube.Config;
using Gyre.Kube.Discovery;
using Gyre.Kube.Informers;
using Gyre.Kube.Watch;

// Gyre.Kube benchmark: each Gyre measurement is printed beside the raw HttpClient + System.Text.Json cost of the
// same request against the same server in the same run. Usage: dotnet run -c Release --project bench/Gyre.Kube.Bench [iterations]
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
const int ListSize = 10_000;
const int WatchEvents = 100_000;
await using var server = await CannedApiServer.StartAsync(ListSize, WatchEvents);
var resource = new ApiResource("", "v1", "configmaps", "ConfigMap", true);
using var client = new KubeClient(new KubeConnection { Server = server.Address, Namespace = "bench" }, new KubeClientOptions { Qps = 0 });
var configMaps = client.Resource(resource);
using var raw = new HttpClient(new SocketsHttpHandler()) { BaseAddress = server.Address };
var listPath = "/api/v1/namespaces/bench/configmaps";

Console.WriteLine($"Gyre.Kube benchmark: {Environment.ProcessorCount} cores, {iterations} iterations, .NET {Environment.Version}");
Console.WriteLine();
Console.WriteLine("| Measurement | Gyre.Kube | Raw HttpClient + JSON | Ratio |");
Console.WriteLine("|---|---|---|---|");

// Both sides list and read every object's name, the least any consumer of a list does.
var gyreList = await Measure(iterations, async () =>
{
    var list = await configMaps.ListAsync("bench", null, CancellationToken.None);
    return list.Items.Count(o => (string?)o["metadata"]!["name"] is not null);
});
var rawList = await Measure(iterations, async () =>
{
    await using var stream = await raw.GetStreamAsync(listPath);
    var list = (await JsonNode.ParseAsync(stream))!.AsObject();
    return list["items"]!.AsArray().Count(o => (string?)o!["metadata"]!["name"] is not null);
});
Row($"List {ListSize:N0} ConfigMaps: median time", $"{gyreList.MedianMs:F1} ms", $"{rawList.MedianMs:F1} ms", gyreList.MedianMs / rawList.MedianMs);
Row($"List {ListSize:N0} ConfigMaps: allocated per list", $"{gyreList.AllocatedMb:F1} MB", $"{rawList.AllocatedMb:F1} MB", gyreList.AllocatedMb / rawList.AllocatedMb);

var gyreWatch = await Measure(Math.Max(1, iterations / 2), async () =>
{
    var n = 0;
    await foreach (var unused in configMaps.WatchAsync("bench", new WatchOptions { ResourceVersion = "100" }, CancellationToken.None))
    {
        n++;
    }

    return n;
});
var rawWatch = await Measure(Math.Max(1, iterations / 2), async () =>
{
    await using var stream = await raw.GetStreamAsync(listPath + "?watch=1&resourceVersion=100");
    using var reader = new StreamReader(stream);
    var n = 0;
    while (await reader.ReadLineAsync() is { } line)
    {
        var e = JsonSerializer.Deserialize<JsonObject>(line)!;
        _ = (string?)e["type"];
        n++;
    }

    return n;
});
Row("Watch: events per second", $"{WatchEvents / (gyreWatch.MedianMs / 1000):N0}", $"{WatchEvents / (rawWatch.MedianMs / 1000):N0}", rawWatch.MedianMs / gyreWatch.MedianMs);
Row("Watch: allocated per event", $"{gyreWatch.AllocatedMb * 1024 * 1024 / WatchEvents:N0} B", $"{rawWatch.AllocatedMb * 1024 * 1024 / WatchEvents:N0} B", gyreWatch.AllocatedMb / rawWatch.AllocatedMb);

var (informerBytes, rawBytes) = await InformerMemory(client, resource, raw, listPath);
Row($"Informer cache: retained memory per object ({ListSize:N0} objects)", $"{informerBytes / ListSize:N0} B", $"{rawBytes / ListSize:N0} B", (double)informerBytes / rawBytes);
Console.WriteLine();
Console.WriteLine("Ratio: Gyre ÷ raw for time and memory (lower is better); raw ÷ Gyre time for events per second (1.00 = same throughput).");
return;

static void Row(string what, string gyre, string raw, double ratio) =>
    Console.WriteLine($"| {what} | {gyre} | {raw} | {ratio:F2} |");

static async Task<(double MedianMs, double AllocatedMb)> Measure(int iterations, Func<Task<int>> body)
{
    await body(); // warm-up (JIT, connection)
    var times = new List<double>();
    long allocated = 0;
    for (var i = 0; i < iterations; i++)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        await body();
        times.Add(watch.Elapsed.TotalMilliseconds);
        allocated += GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    times.Sort();
    return (times[times.Count / 2], allocated / (double)iterations / (1024 * 1024));
}

static async Task<(long Informer, long Raw)> InformerMemory(KubeClient client, ApiResource resource, HttpClient raw, string listPath)
{
    var before = Retained();
    var factory = new SharedInformerFactory(client);
    var informer = factory.GetOrCreate(resource, new InformerOptions { Namespace = "bench", LabelSelector = "app=bench", WatchTimeout = TimeSpan.FromHours(1) });
    informer.Start();
    await informer.WaitForSyncAsync(CancellationToken.None);
    var informerBytes = Retained() - before;
    GC.KeepAlive(informer.Cache);
    await factory.DisposeAsync();

    before = Retained();
    await using var stream = await raw.GetStreamAsync(listPath);
    var items = (await JsonNode.ParseAsync(stream))!["items"]!.AsArray().OfType<JsonObject>().ToDictionary(o => (string)o["metadata"]!["name"]!);
    var rawBytes = Retained() - before;
    GC.KeepAlive(items);
    return (informerBytes, rawBytes);
}

static long Retained()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    return GC.GetTotalMemory(forceFullCollection: true);
}
