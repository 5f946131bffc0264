using Gyre.Kube.Config;
using Gyre.Kube.Discovery;
using Gyre.Kube.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Gyre.Kube.Tests.Transport;

/// <summary>
/// TLS against a Kestrel server with a generated CA: the local cluster serves one certificate, while these cases
/// need certificates for other names and a server that demands client certificates.
/// </summary>
public sealed class TlsTests : IDisposable
{
    private static readonly ApiResource Namespaces = new("", "v1", "namespaces", "Namespace", false);
    private readonly TestPki _pki = new();

    private static Task Ok(HttpContext c)
    {
        c.Response.ContentType = "application/json";
        return c.Response.WriteAsync("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"default"}}""");
    }

    [Fact]
    public async Task Client_certificate_and_kubeconfig_CA_authenticate_over_HTTP2()
    {
        await using var server = await TestHttpServer.StartAsync(Ok, _pki.Server, requireClientCertFromCa: _pki.Ca);
        var connection = new KubeConnection
        {
            Server = server.Address,
            CertificateAuthorityPem = _pki.CaPem,
            ClientCertificatePem = _pki.ClientCertificatePem,
            ClientKeyPem = _pki.ClientKeyPem,
        };
        using var client = new KubeClient(connection, Connections.NoRetries);

        var ns = await client.Resource(Namespaces).GetAsync(null, "default", TestTimeout.Token);

        Assert.Equal("default", (string?)ns["metadata"]!["name"]);
        var request = Assert.Single(server.Requests);
        Assert.Equal("CN=admin, O=system:masters", request.ClientCertificateSubject);
        Assert.Equal("HTTP/2", request.Protocol);
    }

    [Fact]
    public async Task A_server_certificate_from_an_untrusted_CA_is_rejected_with_advice()
    {
        using var otherPki = new TestPki();
        await using var server = await TestHttpServer.StartAsync(Ok, _pki.Server);
        using var client = new KubeClient(new KubeConnection { Server = server.Address, CertificateAuthorityPem = otherPki.CaPem }, Connections.NoRetries);

        var error = await Assert.ThrowsAsync<KubeTransportException>(() => client.Resource(Namespaces).GetAsync(null, "default", TestTimeout.Token));

        Assert.Contains("the TLS handshake failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("certificate-authority", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Tls_server_name_verifies_the_certificate_against_that_name()
    {
        await using var server = await TestHttpServer.StartAsync(Ok, _pki.Server);
        var right = new KubeConnection { Server = server.Address, CertificateAuthorityPem = _pki.CaPem, TlsServerName = "kube.example" };
        var wrong = new KubeConnection { Server = server.Address, CertificateAuthorityPem = _pki.CaPem, TlsServerName = "other.example" };
        using var good = new KubeClient(right, Connections.NoRetries);
        using var bad = new KubeClient(wrong, Connections.NoRetries);

        await good.Resource(Namespaces).GetAsync(null, "default", TestTimeout.Token);
        await Assert.ThrowsAsync<KubeTransportException>(() => bad.Resource(Namespaces).GetAsync(null, "default", TestTimeout.Token));
    }

    [Fact]
    public async Task Insecure_skip_tls_verify_accepts_any_certificate()
    {
        await using var server = await TestHttpServer.StartAsync(Ok, _pki.Server);
        using var client = new KubeClient(new KubeConnection { Server = server.Address, InsecureSkipTlsVerify = true }, Connections.NoRetries);

        var ns = await client.Resource(Namespaces).GetAsync(null, "default", TestTimeout.Token);

        Assert.Equal("Namespace", (string?)ns["kind"]);
    }

    [Fact]
    public void A_certificate_without_its_key_is_a_configuration_error()
    {
        var connection = new KubeConnection { Server = new Uri("https://127.0.0.1:1"), ClientCertificatePem = _pki.ClientCertificatePem };

        var error = Assert.Throws<KubeConfigException>(() => new KubeClient(connection));

        Assert.Contains("both a client certificate and its key are required", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _pki.Dispose();
}
