using System.Text;
using System.Text.Json.Nodes;
using Gyre.Kube.Config;
using Gyre.Kube.Discovery;
using Gyre.Kube.Tests.Support;
using Gyre.Kube.Transport;
using Microsoft.AspNetCore.Http;

namespace Gyre.Kube.Tests.Transport;

/// <summary>Impersonation headers with several values arrive as several header lines (HTTP/1.1) or fields (HTTP/2).</summary>
public sealed class RepeatedHeaderTests : IDisposable
{
    private static readonly ApiResource ConfigMaps = new("", "v1", "configmaps", "ConfigMap", true);
    private readonly TestPki _pki = new();

    private static async Task Echo(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.Length > 0 ? body : """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"default"}}""");
    }

    [Theory]
    [InlineData(true, "HTTP/2")]
    [InlineData(false, "HTTP/1.1")]
    public async Task Each_group_and_extra_value_is_its_own_header_on_every_request_of_a_connection(bool tls, string protocol)
    {
        await using var server = await TestHttpServer.StartAsync(Echo, tls ? _pki.Server : null);
        var impersonation = new KubeImpersonation("jane", ["a", "b, c", "d"])
        {
            Uid = "42",
            Extra = new Dictionary<string, IReadOnlyList<string>> { ["example.com/scopes"] = ["read", "write"] },
        };
        var connection = new KubeConnection { Server = server.Address, CertificateAuthorityPem = tls ? _pki.CaPem : null, Namespace = "default" }.WithImpersonation(impersonation);
        using var client = new KubeClient(connection, Connections.NoRetries);
        var created = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "b", ["namespace"] = "default" },
            ["data"] = new JsonObject { ["body"] = "X-Gyre-Repeat-1-Impersonate-Group: not a header\r\n" + new string('z', 70_000) },
        };

        await client.Resource(ConfigMaps).GetAsync("default", "a", TestTimeout.Token);
        var echoed = await client.Resource(ConfigMaps).CreateAsync(created, null, TestTimeout.Token);
        await client.Resource(ConfigMaps).GetAsync("default", "a", TestTimeout.Token);

        Assert.Equal(created.ToJsonString(), echoed.ToJsonString());
        Assert.Equal(3, server.Requests.Count);
        foreach (var request in server.Requests)
        {
            Assert.Equal(protocol, request.Protocol);
            Assert.Equal(["jane"], request.Headers["Impersonate-User"].Select(v => v!));
            Assert.Equal(["a", "b, c", "d"], request.Headers["Impersonate-Group"].Select(v => v!));
            Assert.Equal(["42"], request.Headers["Impersonate-Uid"].Select(v => v!));
            Assert.Equal(["read", "write"], request.Headers["Impersonate-Extra-example.com%2Fscopes"].Select(v => v!));
            Assert.DoesNotContain(request.Headers.Keys, k => k.StartsWith("X-Gyre", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Hpack_literals_with_the_marker_are_renamed_and_everything_else_is_copied()
    {
        static byte[] Literal(string name, string value) =>
            [0x00, (byte)name.Length, .. Encoding.ASCII.GetBytes(name), (byte)value.Length, .. Encoding.ASCII.GetBytes(value)];
        byte[] block = [0x82, 0x41, 0x03, .. "a.b"u8, .. Literal("impersonate-group", "a"), .. Literal("x-gyre-repeat-1-impersonate-group", "b"), 0x10, 0x01, (byte)'k', 0x01, (byte)'v'];

        var rewritten = HpackMarkerRewriter.Rewrite(block);

        byte[] expected = [0x82, 0x41, 0x03, .. "a.b"u8, .. Literal("impersonate-group", "a"), .. Literal("impersonate-group", "b"), 0x10, 0x01, (byte)'k', 0x01, (byte)'v'];
        Assert.Equal(expected, rewritten);
    }

    public void Dispose() => _pki.Dispose();
}
