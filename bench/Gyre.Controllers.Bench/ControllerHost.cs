using Gyre.Controllers;
using Gyre.Kube;
using Gyre.Kube.Config;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gyre.Controllers.Bench;

/// <summary>
/// The child process running Gyre's controllers (all of them, as `gyre controller` does) against the environment's
/// API server. Prints "started" once the informers are synced, then runs until its standard input closes.
/// </summary>
internal static class ControllerHost
{
    public const string Verb = "controllers";

    public static async Task RunAsync(string kubeconfig, string directory, int concurrent)
    {
        using var client = await KubeClient.FromKubeconfigAsync(new KubeconfigSources(null, kubeconfig, null), new KubeContextOverrides(),
            new KubeClientOptions { Qps = 0 }, null, null, CancellationToken.None);
        var gyre = new GyreControllers(client, new GyreControllersOptions
        {
            AllowInsecureHttp = true, // the bench's Git server speaks http on 127.0.0.1
            StoragePath = Path.Combine(directory, "storage"),
            WorkDirectory = Path.Combine(directory, "work"),
            InstallCrds = false,
            Concurrent = concurrent,
            PollInterval = TimeSpan.FromMilliseconds(500),
        }, NullLoggerFactory.Instance, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = gyre.RunAsync(stop.Token);
        await Task.WhenAny(gyre.Started, run);
        Console.WriteLine("started");
        while (await Console.In.ReadLineAsync() is not null)
        {
        }

        // Where the private memory went, for the record (stderr, next to the results).
        var gc = GC.GetGCMemoryInfo();
        const double MiB = 1024 * 1024;
        await Console.Error.WriteLineAsync(FormattableString.Invariant(
            $"  controllers at exit: GC heap {gc.HeapSizeBytes / MiB:F0} MiB, GC committed {gc.TotalCommittedBytes / MiB:F0} MiB, {System.Runtime.JitInfo.GetCompiledMethodCount()} methods JIT-compiled, {System.Diagnostics.Process.GetCurrentProcess().Threads.Count} threads, GC settings {string.Join(' ', GC.GetConfigurationVariables().Where(v => v.Key.Contains("Conserve", StringComparison.Ordinal) || v.Key.Contains("Concurrent", StringComparison.Ordinal)).Select(v => $"{v.Key}={v.Value}"))}"));
        await stop.CancelAsync();
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
        }
    }
}
