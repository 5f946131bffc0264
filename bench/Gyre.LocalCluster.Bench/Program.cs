using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Gyre.LocalCluster;
using Gyre.LocalCluster.Bench;
using Microsoft.Data.Sqlite;

// Stopwatch harness for the local cluster (run in Release): see docs/performance/local-cluster.md for the command and results.
var root = Path.Combine(Path.GetTempPath(), "gyre-lc-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(root);
var report = new StringBuilder();
void Record(string line)
{
    Console.WriteLine(line);
    report.AppendLine(line);
}

try
{
    var rawRate = RawSqlite.TransactionsPerSecond(Path.Combine(root, "raw.db"), 10_000);
    Record($"raw SQLite (WAL, synchronous=NORMAL, one insert per transaction): {rawRate:N0} tx/s");

    var dir = Path.Combine(root, "cluster");
    var sw = Stopwatch.StartNew();
    var server = await LocalClusterServer.StartAsync(new LocalClusterOptions { DataDirectory = dir, EnableWorkloadSimulator = false }, CancellationToken.None);
    Record($"start-up, empty data directory (CA + serving certificate generated): {sw.ElapsedMilliseconds} ms");
    using var http = Bench.Client(server);
    await Bench.CreateNamespaceAsync(http, "bench");

    sw.Restart();
    await Bench.CreateConfigMapsAsync(http, "bench", 0, 10_000, concurrency: 8);
    var writeRate = 10_000 / sw.Elapsed.TotalSeconds;
    Record($"create 10,000 ConfigMaps over HTTPS (8 concurrent clients): {sw.Elapsed.TotalSeconds:F2} s, {writeRate:N0} writes/s = {100 * writeRate / rawRate:F0}% of the raw SQLite transaction rate");

    var list = await Bench.TimeListAsync(http, "/api/v1/namespaces/bench/configmaps", 10, null);
    Record($"list 10,000 ConfigMaps (JSON): median {list.Median:F1} ms, p90 {list.P90:F1} ms");
    var table = await Bench.TimeListAsync(http, "/api/v1/namespaces/bench/configmaps", 10, "application/json;as=Table;v=v1;g=meta.k8s.io");
    Record($"list 10,000 ConfigMaps (as=Table, what kubectl get asks for): median {table.Median:F1} ms, p90 {table.P90:F1} ms");
    var page = await Bench.TimeListAsync(http, "/api/v1/namespaces/bench/configmaps?limit=500", 20, null);
    Record($"list first page of 500 of 10,000: median {page.Median:F1} ms");

    var (watchSeconds, delivered) = await Bench.WatchersAsync(http, "bench", watchers: 20, changes: 10_000);
    Record($"20 watchers x 10,000 changes: all {delivered:N0} events delivered {watchSeconds:F2} s after the first write ({delivered / watchSeconds:N0} events/s)");

    await Bench.CreateConfigMapsAsync(http, "bench", 10_000, 10_000, concurrency: 8);
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var managed = GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024);
    var workingSet = Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024);
    Record($"memory at 20,000 ConfigMaps (+ namespaces): managed heap {managed:F0} MiB, process working set {workingSet:F0} MiB (server and harness in one process)");

    var (applyFirst, applySecond) = await Bench.KubectlApplyAsync(server, root, 1_000);
    Record($"kubectl apply --server-side of 1,000 ConfigMaps (one file): create {applyFirst:F2} s, re-apply unchanged {applySecond:F2} s");

    var httpApply = await Bench.HttpApplyAsync(http, 1_000);
    Record($"1,000 server-side applies sent directly over HTTPS (sequential, no kubectl): {httpApply:F2} s ({1_000 / httpApply:N0}/s)");

    await server.DisposeAsync();
    sw.Restart();
    var restarted = await LocalClusterServer.StartAsync(new LocalClusterOptions { DataDirectory = dir, EnableWorkloadSimulator = false }, CancellationToken.None);
    Record($"start-up with 21,000 stored objects (load into memory): {sw.ElapsedMilliseconds} ms");
    await restarted.DisposeAsync();
}
finally
{
    Directory.Delete(root, recursive: true);
}

var output = Environment.GetEnvironmentVariable("GYRE_BENCH_OUT");
if (!string.IsNullOrEmpty(output))
{
    await File.WriteAllTextAsync(output, report.ToString());
}
