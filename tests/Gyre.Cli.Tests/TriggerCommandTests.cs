using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Gyre.LocalCluster;

namespace Gyre.Cli.Tests;

/// <summary>`gyre trigger receiver` against a local cluster and a listener standing in for the receiver server.</summary>
public sealed class TriggerCommandTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gyre-cli-trigger-" + Guid.NewGuid().ToString("N")[..8]);
    private LocalClusterServer? _server;

    public async Task InitializeAsync() =>
        _server = await LocalClusterServer.StartAsync(new LocalClusterOptions { DataDirectory = _dir, EnableWorkloadSimulator = false }, CancellationToken.None);

    [Fact]
    public async Task Posts_a_GitHub_push_signed_with_the_token_to_the_receivers_path()
    {
        await ApplyAsync("""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"hook-token","namespace":"default"},"stringData":{"token":"t0ken"}}
            """);
        await ApplyAsync("""
            {"apiVersion":"notification.toolkit.fluxcd.io/v1","kind":"Receiver","metadata":{"name":"gh","namespace":"default"},
             "spec":{"type":"github","secretRef":{"name":"hook-token"},"resources":[{"kind":"GitRepository","name":"fleet"}]}}
            """);
        using var listener = Listen(out var address);
        var received = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var seen = (context.Request.RawUrl, body, context.Request.Headers["X-GitHub-Event"], context.Request.Headers["X-Hub-Signature-256"]);
            context.Response.StatusCode = 200;
            context.Response.Close();
            return seen;
        });

        var result = await CliRunner.RunAsync("trigger", "receiver", "gh", "-n", "default", "--event", "push", "--address", address, "--kubeconfig", _server!.KubeconfigPath);

        Assert.True(result.Code == 0, result.Error);
        Assert.Contains("github delivery to Receiver default/gh", result.Output, StringComparison.Ordinal);
        var (path, body, @event, signature) = await received.WaitAsync(TimeSpan.FromSeconds(30));
        // Flux's path: sha256("t0ken" + "gh" + "default"); the signature recomputed here with the token.
        Assert.Equal("/hook/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("t0kenghdefault"))), path);
        Assert.Equal("push", @event);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("t0ken"), Encoding.UTF8.GetBytes(body))), signature);
    }

    [Fact]
    public async Task A_refused_delivery_is_an_error_naming_the_status()
    {
        await ApplyAsync("""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"hook-token","namespace":"default"},"stringData":{"token":"t0ken"}}
            """);
        await ApplyAsync("""
            {"apiVersion":"notification.toolkit.fluxcd.io/v1","kind":"Receiver","metadata":{"name":"gl","namespace":"default"},
             "spec":{"type":"gitlab","secretRef":{"name":"hook-token"},"resources":[{"kind":"GitRepository","name":"fleet"}]}}
            """);
        using var listener = Listen(out var address);
        _ = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            context.Response.StatusCode = 400;
            context.Response.Close();
        });

        var result = await CliRunner.RunAsync("trigger", "receiver", "gl", "-n", "default", "--address", address, "--kubeconfig", _server!.KubeconfigPath);

        Assert.Equal(1, result.Code);
        Assert.Contains("refused with HTTP 400", result.Error, StringComparison.Ordinal);
    }

    private async Task ApplyAsync(string json)
    {
        using var client = await Gyre.Kube.KubeClient.FromKubeconfigAsync(new Gyre.Kube.Config.KubeconfigSources(null, _server!.KubeconfigPath, null),
            new Gyre.Kube.Config.KubeContextOverrides(), null, null, null, CancellationToken.None);
        var crds = await client.ForKindAsync("apiextensions.k8s.io/v1", "CustomResourceDefinition", CancellationToken.None);
        var crd = Gyre.Api.Crds.FluxCrds.All().Single(c => c.Name == "receivers.notification.toolkit.fluxcd.io");
        await crds.ApplyAsync(crd.Json,
            new Gyre.Kube.Dynamic.WriteOptions { FieldManager = "test", Force = true }, CancellationToken.None);
        var obj = Gyre.Manifests.KubeObject.Parse(json);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var resource = await client.ForKindAsync(obj.ApiVersion, obj.Kind, CancellationToken.None);
                await resource.ApplyAsync(obj.Json, new Gyre.Kube.Dynamic.WriteOptions { FieldManager = "test", Force = true }, CancellationToken.None);
                return;
            }
            catch (Gyre.Kube.Discovery.KubeMappingException) when (attempt < 50)
            {
                await Task.Delay(100); // the CRD is served a moment after it is created
            }
        }
    }

    private static HttpListener Listen(out string address)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        address = $"http://127.0.0.1:{port}/";
        var listener = new HttpListener();
        listener.Prefixes.Add(address);
        listener.Start();
        return listener;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
