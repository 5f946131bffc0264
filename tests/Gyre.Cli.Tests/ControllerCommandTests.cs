using System.Net;
using System.Text.RegularExpressions;
using Gyre.LocalCluster;

namespace Gyre.Cli.Tests;

public sealed partial class ControllerCommandTests
{
    [Fact]
    public async Task Help_explains_the_flags_with_an_example()
    {
        var (code, output, _) = await CliRunner.RunAsync("controller", "--help");

        Assert.Equal(0, code);
        Assert.Contains("gyre controller --kubeconfig", output, StringComparison.Ordinal);
        Assert.Contains("--controllers", output, StringComparison.Ordinal);
        Assert.Contains("--metrics-addr", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_controller_is_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("controller", "--controllers", "source,image");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("unknown controller 'image'; choose from source, kustomize, helm, notification", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_against_a_cluster_serves_probes_and_stops_cleanly_when_interrupted()
    {
        var dir = Path.Combine(Path.GetTempPath(), "gyre-cli-ctl-" + Guid.NewGuid().ToString("N")[..8]);
        await using var cluster = await LocalClusterServer.StartAsync(new LocalClusterOptions { DataDirectory = dir }, CancellationToken.None);
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var run = GyreApp.RunAsync(
            ["controller", "--kubeconfig", cluster.KubeconfigPath, "--metrics-addr", "127.0.0.1:0", "--health-addr", "127.0.0.1:0", "--storage-addr", "127.0.0.1:0",
                "--storage-path", Path.Combine(dir, "storage"), "--log-encoding", "json"],
            new CliConsole(output, error, TextReader.Null), stop.Token);

        Match started = Match.Empty;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(started = Health().Match(output.ToString())).Success && !run.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(started.Success, $"no ready line: {output}\n{error}");
        using var http = new HttpClient();
        var ready = HttpStatusCode.ServiceUnavailable;
        while (ready != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            ready = (await http.GetAsync(new Uri(new Uri(started.Groups[1].Value), "/readyz"))).StatusCode;
            await Task.Delay(50);
        }

        Assert.Equal(HttpStatusCode.OK, ready);
        var crds = await http.GetAsync(new Uri(new Uri(started.Groups[1].Value), "/healthz"));
        Assert.Equal(HttpStatusCode.OK, crds.StatusCode);

        await stop.CancelAsync();
        var code = await run;

        Assert.Equal(0, code);
        Assert.Contains("gyre controller stopped", output.ToString(), StringComparison.Ordinal);
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"health at (http://[0-9.:]+/?)")]
    private static partial Regex Health();
}
