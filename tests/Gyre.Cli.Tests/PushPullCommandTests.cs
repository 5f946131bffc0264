using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gyre.Cli.Tests;

/// <summary>`gyre push artifact` and `gyre pull artifact` against Debian's docker-registry on 127.0.0.1.</summary>
public sealed class PushPullCommandTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gyre-cli-oci-" + Guid.NewGuid().ToString("N")[..12]);
    private Process? _registry;
    private int _port;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            _port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var config = Path.Combine(_dir, "config.yml");
        File.WriteAllText(config, $"version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n" +
            $"    rootdirectory: {Path.Combine(_dir, "data")}\nhttp:\n  addr: 127.0.0.1:{_port}\n");
        var start = new ProcessStartInfo("docker-registry") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        _registry = Process.Start(start)!;
        _ = _registry.StandardError.ReadToEndAsync();
        _ = _registry.StandardOutput.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_registry.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    [Fact]
    public async Task Pushed_directory_pulls_back_with_its_source_and_revision()
    {
        var content = Path.Combine(_dir, "deploy");
        Directory.CreateDirectory(Path.Combine(content, "apps"));
        File.WriteAllText(Path.Combine(content, "apps", "app.yaml"), "kind: ConfigMap\n");
        var address = $"oci://127.0.0.1:{_port}/team/app:v1.0.0";

        var push = await CliRunner.RunAsync("push", "artifact", address, "--path", content, "--source", "https://github.com/org/app",
            "--revision", "main@sha1:0123456789abcdef0123456789abcdef01234567", "--insecure-registry");
        var output = Path.Combine(_dir, "out");
        var pull = await CliRunner.RunAsync("pull", "artifact", address, "--output", output, "--insecure-registry");

        Assert.Equal(0, push.Code);
        Assert.Matches($"artifact successfully pushed to oci://127.0.0.1:{_port}/team/app@sha256:[0-9a-f]{{64}}", push.Output);
        Assert.Equal(0, pull.Code);
        Assert.Contains("source https://github.com/org/app revision main@sha1:0123456789abcdef0123456789abcdef01234567", pull.Output, StringComparison.Ordinal);
        Assert.Equal("kind: ConfigMap\n", File.ReadAllText(Path.Combine(output, "apps", "app.yaml")));
    }

    [Fact]
    public async Task Push_without_a_tag_fails_with_a_clear_message()
    {
        var (code, _, error) = await CliRunner.RunAsync("push", "artifact", $"oci://127.0.0.1:{_port}/team/app", "--path", _dir,
            "--source", "s", "--revision", "r", "--insecure-registry");

        Assert.Equal(1, code);
        Assert.Contains("the address needs a tag", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_of_a_missing_tag_fails_without_a_stack_trace()
    {
        var (code, _, error) = await CliRunner.RunAsync("pull", "artifact", $"oci://127.0.0.1:{_port}/team/none:v9", "--output",
            Path.Combine(_dir, "none"), "--insecure-registry");

        Assert.Equal(1, code);
        Assert.Contains("not found (404)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_shows_an_example()
    {
        var (code, output, _) = await CliRunner.RunAsync("push", "artifact", "--help");

        Assert.Equal(0, code);
        Assert.Contains("Example:", output, StringComparison.Ordinal);
        Assert.Contains("--revision", output, StringComparison.Ordinal);
    }

    public Task DisposeAsync()
    {
        if (_registry is { HasExited: false })
        {
            _registry.Kill(entireProcessTree: true);
            _registry.WaitForExit(5000);
        }

        _registry?.Dispose();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}
