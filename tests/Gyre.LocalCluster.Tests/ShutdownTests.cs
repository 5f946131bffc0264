namespace Gyre.LocalCluster.Tests;

/// <summary>Stopping the server ends open watch streams at once instead of waiting out Kestrel's 30 s shutdown timeout.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_with_open_kubectl_watches_does_not_wait_for_the_shutdown_timeout()
    {
        var dir = Path.Combine(Path.GetTempPath(), "gyre-lc-stop-" + Guid.NewGuid().ToString("N")[..12]);
        var server = await LocalClusterServer.StartAsync(new LocalClusterOptions { DataDirectory = dir, EnableWorkloadSimulator = false }, CancellationToken.None);
        var kubectl = new Kubectl(server.KubeconfigPath, Path.Combine(dir, "home"));
        (await kubectl.RunAsync("create", "configmap", "seen")).Ok();
        using var watch = kubectl.Start("get", "configmaps", "--watch", "--output-watch-events", "-o", "name");
        using var secondWatch = kubectl.Start("get", "namespaces", "--watch", "-o", "name");
        var first = await watch.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("configmap/seen", first, StringComparison.Ordinal);
        Assert.NotNull(await secondWatch.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        try
        {
            // Without closing the watches, DisposeAsync waits for Kestrel's 30 s graceful-shutdown timeout.
            var stop = server.DisposeAsync().AsTask();
            var finished = await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(20)));
            Assert.True(finished == stop, "the server did not stop within 20 s with open watches");
            await stop;
        }
        finally
        {
            foreach (var process in new[] { watch, secondWatch })
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            Directory.Delete(dir, recursive: true);
        }
    }
}
