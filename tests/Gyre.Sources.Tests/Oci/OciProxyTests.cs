using System.Text;
using Gyre.Sources.Artifacts;
using Gyre.Sources.Http;
using Gyre.Sources.Oci;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Sources.Tests.Oci;

/// <summary>OCIRepository spec.proxySecretRef: every registry request goes through the proxy, with its credentials.</summary>
public sealed class OciProxyTests : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly RegistryFixture _registries;
    private readonly TempDirectory _dir = new();
    private readonly string _repository = "proxied/app-" + Guid.NewGuid().ToString("N")[..8];

    public OciProxyTests(RegistryFixture registries)
    {
        _registries = registries;
        Directory.CreateDirectory(_dir.Combine("work"));
        Directory.CreateDirectory(_dir.Combine("content"));
        File.WriteAllText(_dir.Combine("content/app.yaml"), "kind: ConfigMap\n");
    }

    private static Dictionary<string, byte[]> Secret(string address, string password) => new()
    {
        ["address"] = Encoding.UTF8.GetBytes(address),
        ["username"] = "proxy-user"u8.ToArray(),
        ["password"] = Encoding.UTF8.GetBytes(password),
    };

    [Fact]
    public async Task Registry_requests_go_through_the_proxy_from_the_proxy_secret()
    {
        await using var proxy = await ForwardProxy.StartAsync("proxy-user", "proxy-pa55");
        var url = $"oci://{_registries.Anonymous.Host}/{_repository}";
        await OciArtifactPusher.PushAsync(OciReference.Parse(url + ":v1", true), _dir.Combine("content"), "src", "rev", DateTimeOffset.UnixEpoch,
            new OciClientOptions { Insecure = true }, TestTimeout.Token);
        var source = new OciRepositorySource(new ArtifactStore(_dir.Combine("store"), "http://gyre.test", TimeProvider.System), _dir.Combine("work"));

        var result = await source.ReconcileAsync(new OciRepositoryRequest
        {
            Key = new ArtifactKey("OCIRepository", "default", "proxied"),
            Url = url,
            Tag = "v1",
            Client = new OciClientOptions { Insecure = true, Proxy = SourceProxy.FromSecret(Secret(proxy.Address, "proxy-pa55"), "test") },
        }, TestTimeout.Token);

        Assert.StartsWith("v1@sha256:", result.Artifact.Revision, StringComparison.Ordinal);
        Assert.True(proxy.Relayed >= 3, $"relayed {proxy.Relayed}");
    }

    [Fact]
    public async Task A_wrong_proxy_password_fails_without_revealing_it()
    {
        await using var proxy = await ForwardProxy.StartAsync("proxy-user", "proxy-pa55");
        using var client = new OciClient(_registries.Anonymous.Host,
            new OciClientOptions { Insecure = true, Proxy = SourceProxy.FromSecret(Secret(proxy.Address, "wrong-proxy-Pa55"), "test") });

        var error = await Assert.ThrowsAsync<SourceException>(() => client.ResolveAsync(_repository, "v1", TestTimeout.Token));

        Assert.DoesNotContain("wrong-proxy-Pa55", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, proxy.Relayed);
    }

    [Fact]
    public void A_proxy_address_with_user_info_is_refused()
    {
        var error = Assert.Throws<SourceException>(() => SourceProxy.FromSecret(Secret("http://u:p@127.0.0.1:3128", "p"), "OCIRepository/default/app"));

        Assert.Equal(SourceReasons.UrlInvalid, error.Reason);
        Assert.DoesNotContain("u:p", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
