using Gyre.Kube.Config;
using Gyre.Kube.Discovery;
using Gyre.Kube.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Gyre.Kube.Tests.Config;

/// <summary>Exec credential plugins, run for real as shell scripts; the server is Kestrel because it must reject a token on demand.</summary>
public sealed class ExecPluginTests : IDisposable
{
    private static readonly ApiResource Namespaces = new("", "v1", "namespaces", "Namespace", false);
    private readonly TempDirectory _dir = new();

    // Prints token-<n>, where n counts the runs, so tests can see caching and refresh.
    private string Plugin(string apiVersion, string expiration) => _dir.Write("plugin.sh", $$$"""
        #!/bin/sh
        n=$(cat "{{{_dir.Path}}}/runs" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "{{{_dir.Path}}}/runs"
        echo "$KUBERNETES_EXEC_INFO" > "{{{_dir.Path}}}/exec-info"
        printf '{"apiVersion":"{{{apiVersion}}}","kind":"ExecCredential","status":{"token":"token-%s","expirationTimestamp":"{{{expiration}}}"}}' $n
        """);

    private int Runs => int.Parse(File.ReadAllText(Path.Combine(_dir.Path, "runs")).Trim());

    private static Task Answer(HttpContext c, string rejectedToken)
    {
        if (c.Request.Headers.Authorization == $"Bearer {rejectedToken}")
        {
            c.Response.StatusCode = 401;
            return c.Response.WriteAsync("""{"kind":"Status","code":401,"reason":"Unauthorized","message":"Unauthorized"}""");
        }

        c.Response.ContentType = "application/json";
        return c.Response.WriteAsync("""{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"default"}}""");
    }

    private async Task<KubeConnection> Connect(Uri server, string pluginPath, string apiVersion)
    {
        var file = _dir.Write("config", $"""
            clusters: [{"{"}name: c, cluster: {"{"}server: "{server}"{"}"}{"}"}]
            users:
            - name: u
              user:
                exec:
                  apiVersion: {apiVersion}
                  command: sh
                  args: [{pluginPath}]
                  provideClusterInfo: true
                  installHint: install the plugin
            contexts: [{"{"}name: x, context: {"{"}cluster: c, user: u{"}"}{"}"}]
            current-context: x
            """);
        var config = await KubeconfigLoader.LoadFileAsync(file, TestTimeout.Token);
        return await KubeconfigResolver.ResolveAsync(config, new KubeContextOverrides(), TestTimeout.Token);
    }

    [Theory]
    [InlineData("client.authentication.k8s.io/v1")]
    [InlineData("client.authentication.k8s.io/v1beta1")]
    public async Task The_plugin_token_is_cached_until_it_expires(string apiVersion)
    {
        await using var server = await TestHttpServer.StartAsync(c => Answer(c, "none"));
        var clock = new ManualTimeProvider();
        var plugin = Plugin(apiVersion, "2026-01-01T00:10:00Z");
        using var client = new KubeClient(await Connect(server.Address, plugin, apiVersion), Connections.NoRetries, clock);

        await client.Resource(Namespaces).GetAsync(null, "default", TestTimeout.Token);
        await client.Resource(Namespaces).GetAsync(null, "default", TestTimeout.Token);
        Assert.Equal(1, Runs);
        clock.Advance(TimeSpan.FromMinutes(10));
        await client.Resource(Namespaces).GetAsync(null, "default", TestTimeout.Token);

        Assert.Equal(2, Runs);
        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], server.Requests.Select(r => r.Headers["Authorization"].Single()!));
        var info = File.ReadAllText(Path.Combine(_dir.Path, "exec-info"));
        Assert.Contains($"\"apiVersion\":\"{apiVersion}\"", info, StringComparison.Ordinal);
        Assert.Contains($"\"server\":\"{server.Address}\"", info, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_token_makes_the_client_run_the_plugin_again_once()
    {
        await using var server = await TestHttpServer.StartAsync(c => Answer(c, "token-1"));
        var plugin = Plugin("client.authentication.k8s.io/v1", "2099-01-01T00:00:00Z");
        using var client = new KubeClient(await Connect(server.Address, plugin, "client.authentication.k8s.io/v1"), Connections.NoRetries);

        await client.Resource(Namespaces).GetAsync(null, "default", TestTimeout.Token);

        Assert.Equal(2, Runs);
    }

    [Fact]
    public async Task A_failing_plugin_reports_its_exit_code_and_stderr()
    {
        await using var server = await TestHttpServer.StartAsync(c => Answer(c, "none"));
        var plugin = _dir.Write("fail.sh", "echo 'login expired, run: cloud auth login' >&2\nexit 3\n");
        using var client = new KubeClient(await Connect(server.Address, plugin, "client.authentication.k8s.io/v1"), Connections.NoRetries);

        var error = await Assert.ThrowsAsync<KubeConfigException>(() => client.Resource(Namespaces).GetAsync(null, "default", TestTimeout.Token));

        Assert.Equal("user.exec: credential plugin 'sh' exited with code 3: login expired, run: cloud auth login", error.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_wrong_ExecCredential_version_is_refused()
    {
        await using var server = await TestHttpServer.StartAsync(c => Answer(c, "none"));
        var plugin = Plugin("client.authentication.k8s.io/v1beta1", "2099-01-01T00:00:00Z");
        using var client = new KubeClient(await Connect(server.Address, plugin, "client.authentication.k8s.io/v1"), Connections.NoRetries);

        var error = await Assert.ThrowsAsync<KubeConfigException>(() => client.Resource(Namespaces).GetAsync(null, "default", TestTimeout.Token));

        Assert.Contains("expected kind ExecCredential, apiVersion client.authentication.k8s.io/v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_file_is_re_read_after_the_server_rejects_it()
    {
        await using var server = await TestHttpServer.StartAsync(c => Answer(c, "old"));
        var tokenFile = _dir.Write("token", "old\n");
        using var client = new KubeClient(new KubeConnection { Server = server.Address, TokenFile = tokenFile }, Connections.NoRetries);
        await Assert.ThrowsAsync<KubeApiException>(() => client.Resource(Namespaces).GetAsync(null, "default", TestTimeout.Token));

        File.WriteAllText(tokenFile, "rotated\n");
        await client.Resource(Namespaces).GetAsync(null, "default", TestTimeout.Token);

        Assert.Equal("Bearer rotated", server.Requests.Last().Headers["Authorization"].Single());
    }

    [Fact]
    public async Task A_client_certificate_from_the_plugin_is_presented_in_the_TLS_handshake()
    {
        using var pki = new TestPki();
        _dir.Write("cert.pem", pki.ClientCertificatePem);
        _dir.Write("key.pem", pki.ClientKeyPem);
        var plugin = _dir.Write("cert.sh", $$$"""
            #!/bin/sh
            cert=$(awk 'BEGIN{ORS="\\n"} {print}' "{{{_dir.Path}}}/cert.pem")
            key=$(awk 'BEGIN{ORS="\\n"} {print}' "{{{_dir.Path}}}/key.pem")
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"%s","clientKeyData":"%s"}}' "$cert" "$key"
            """);
        await using var server = await TestHttpServer.StartAsync(c => Answer(c, "none"), pki.Server, requireClientCertFromCa: pki.Ca);
        var connection = await Connect(server.Address, plugin, "client.authentication.k8s.io/v1");
        var withCa = new KubeConnection { Server = connection.Server, Exec = connection.Exec, CertificateAuthorityPem = pki.CaPem };
        using var client = new KubeClient(withCa, Connections.NoRetries);

        await client.Resource(Namespaces).GetAsync(null, "default", TestTimeout.Token);

        var request = Assert.Single(server.Requests);
        Assert.Equal("CN=admin, O=system:masters", request.ClientCertificateSubject);
        Assert.False(request.Headers.ContainsKey("Authorization"));
    }

    public void Dispose() => _dir.Dispose();
}
