using Gyre.Kube.Config;
using Gyre.Kube.Discovery;
using Gyre.Kube.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Gyre.Kube.Tests.Transport;

public sealed class ProxyAndRedactionTests
{
    private static readonly ApiResource Namespaces = new("", "v1", "namespaces", "Namespace", false);

    [Fact]
    public async Task Requests_go_through_the_clusters_proxy_url()
    {
        // The "proxy" is Kestrel: an HTTP proxy receives absolute-form requests for plain-HTTP targets.
        await using var proxy = await TestHttpServer.StartAsync(c =>
        {
            c.Response.ContentType = "application/json";
            return c.Response.WriteAsync("""{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"default"}}""");
        });
        var connection = new KubeConnection { Server = new Uri("http://kube.invalid:8080"), ProxyUrl = proxy.Address };
        using var client = new KubeClient(connection, Connections.NoRetries);

        var ns = await client.Resource(Namespaces).GetAsync(null, "default", TestTimeout.Token);

        Assert.Equal("default", (string?)ns["metadata"]!["name"]);
        Assert.Equal("kube.invalid:8080", Assert.Single(proxy.Requests).Headers["Host"].Single());
    }

    [Fact]
    public async Task Credentials_in_the_server_URL_never_reach_an_error_message()
    {
        var connection = new KubeConnection { Server = new Uri("http://admin:hunter2@127.0.0.1:1/prefix") };
        using var client = new KubeClient(connection, Connections.NoRetries);

        var error = await Assert.ThrowsAsync<KubeTransportException>(() => client.Resource(Namespaces).GetAsync(null, "default", TestTimeout.Token));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("REDACTED@127.0.0.1:1/prefix", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", connection.ToString(), StringComparison.Ordinal);
    }
}
