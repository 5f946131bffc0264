using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Tests;

/// <summary>One local cluster per test class, on an ephemeral 127.0.0.1 port with its own data directory.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private LocalClusterServer? _server;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "gyre-lc-" + Guid.NewGuid().ToString("N")[..12]);

    public LocalClusterServer Server => _server ?? throw new InvalidOperationException("not started");

    public Kubectl Kubectl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalClusterServer.StartAsync(new LocalClusterOptions { DataDirectory = DataDirectory, SimulatorDelay = TimeSpan.FromMilliseconds(200), WatchCacheSize = 1000 }, CancellationToken.None);
        Kubectl = new Kubectl(Server.KubeconfigPath, Path.Combine(DataDirectory, "home"));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A fresh namespace per test so tests in one class do not see each other's objects.</summary>
    public async Task<string> NamespaceAsync(string prefix)
    {
        var ns = prefix + "-" + Guid.NewGuid().ToString("N")[..6];
        (await Kubectl.RunAsync("create", "namespace", ns)).Ok();
        return ns;
    }

    public async Task<JsonObject> GetJsonAsync(params string[] args)
    {
        var result = (await Kubectl.RunAsync([.. args, "-o", "json"])).Ok();
        return JsonNode.Parse(result.Output)!.AsObject();
    }

    /// <summary>Polls until the condition holds or the deadline passes (never a fixed sleep).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("timed out waiting for " + what);
    }
}
