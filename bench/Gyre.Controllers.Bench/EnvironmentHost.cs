using Gyre.Controllers.Tests.Support;
using Gyre.LocalCluster;

namespace Gyre.Controllers.Bench;

/// <summary>
/// The child process holding what Flux's benchmark keeps outside the controllers: the API server (Gyre's local
/// cluster, workload simulator on, 100 ms to ready), the Git server with the app and the Helm repository with the
/// chart. Prints "kubeconfig gitUrl helmUrl" on one line, then serves until its standard input closes.
/// </summary>
internal static class EnvironmentHost
{
    public const string Verb = "env";

    public static async Task RunAsync(string directory)
    {
        await using var cluster = await LocalClusterServer.StartAsync(
            new LocalClusterOptions { DataDirectory = Path.Combine(directory, "cluster"), SimulatorDelay = TimeSpan.FromMilliseconds(100) }, CancellationToken.None);
        await using var git = await GitHttpServer.StartAsync();
        var url = git.CreateRepository("fleet");
        using (var work = new GitWorkTree(git.PathOf("fleet")))
        {
            foreach (var (path, text) in Workloads.App)
            {
                work.Write(path, text);
            }

            work.Commit("podinfo");
            work.Push();
        }

        await using var charts = await HelmTestCharts.ServeAsync(("podinfo", Workloads.ChartVersion, HelmTestCharts.Package("podinfo", HelmTestCharts.Podinfo(Workloads.ChartVersion))));
        Console.WriteLine($"{cluster.KubeconfigPath} {url} {charts.BaseUrl}");
        while (await Console.In.ReadLineAsync() is not null)
        {
        }
    }
}
