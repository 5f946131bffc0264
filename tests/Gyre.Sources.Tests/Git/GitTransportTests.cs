using System.Text;
using Gyre.Sources.Git;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Sources.Tests.Git;

/// <summary>Transport settings of a GitRepository: proxySecretRef and spec.timeout.</summary>
public sealed class GitTransportTests : IAsyncLifetime, IDisposable
{
    private readonly SourceHarness _harness = new();
    private GitHttpServer _server = null!;
    private string _url = "";
    private string _commit = "";

    public async Task InitializeAsync()
    {
        _server = await GitHttpServer.StartAsync();
        _url = _server.CreateRepository("proxied");
        using var work = new GitWorkTree(_server.PathOf("proxied"));
        work.Write("a.yaml", "a");
        _commit = work.Commit("first");
        work.Push();
    }

    private GitRepositoryRequest Request() => new()
    {
        Key = SourceHarness.Key(),
        Url = _url,
        Reference = new GitReference { Branch = "main" },
        AllowInsecureHttp = true,
    };

    [Fact]
    public async Task Proxy_from_the_proxy_secret_carries_every_request()
    {
        await using var proxy = await ForwardProxy.StartAsync("proxy-user", "proxy-pa55");
        var secret = new Dictionary<string, byte[]>
        {
            ["address"] = Encoding.UTF8.GetBytes(proxy.Address),
            ["username"] = "proxy-user"u8.ToArray(),
            ["password"] = "proxy-pa55"u8.ToArray(),
        };

        var result = await _harness.Git.ReconcileAsync(Request() with { Proxy = GitProxy.FromSecret(secret) }, TestTimeout.Token);

        Assert.Equal($"main@sha1:{_commit}", result.Artifact.Revision);
        Assert.True(proxy.Relayed >= 2, $"relayed {proxy.Relayed}");
        Assert.Equal(proxy.Relayed, _server.Requests);
    }

    [Fact]
    public async Task Wrong_proxy_password_fails_without_revealing_it()
    {
        await using var proxy = await ForwardProxy.StartAsync("proxy-user", "proxy-pa55");

        var error = await Assert.ThrowsAsync<SourceException>(() => _harness.Git.ReconcileAsync(
            Request() with { Proxy = new GitProxy(proxy.Address, "proxy-user", "bad-proxy-secret") }, TestTimeout.Token));

        Assert.Equal(SourceReasons.GitOperationFailed, error.Reason);
        Assert.DoesNotContain("bad-proxy-secret", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task Slow_remote_fails_after_the_timeout()
    {
        _server.Delay = TimeSpan.FromSeconds(20);

        var error = await Assert.ThrowsAsync<SourceException>(() =>
            _harness.Git.ReconcileAsync(Request() with { Timeout = TimeSpan.FromMilliseconds(700) }, TestTimeout.Token));

        Assert.Equal($"{_url}: git ls-remote: timed out after 0.7s; raise spec.timeout if the repository is large", error.Message);
        Assert.True(error.IsTransient);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _harness.Dispose();
}
