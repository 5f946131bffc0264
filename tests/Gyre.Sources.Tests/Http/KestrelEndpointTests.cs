using System.Net;
using Gyre.Sources.Http;
using Gyre.Sources.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Gyre.Sources.Tests.Http;

public sealed class KestrelEndpointTests
{
    [Fact]
    public async Task Serves_every_request_through_the_delegate_on_the_port_it_bound()
    {
        await using var endpoint = await KestrelEndpoint.StartAsync("http://127.0.0.1:0",
            context => context.Response.WriteAsync($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}"), null, TestTimeout.Token);
        using var http = new HttpClient { BaseAddress = endpoint.Address };

        var body = await http.GetStringAsync("/a/b?c=d", TestTimeout.Token);

        Assert.NotEqual(0, endpoint.Address.Port);
        Assert.Equal("GET /a/b?c=d", body);
    }

    [Fact]
    public async Task Applies_the_Kestrel_limits_it_is_given_and_stops_listening_when_disposed()
    {
        var endpoint = await KestrelEndpoint.StartAsync("http://127.0.0.1:0", async context =>
        {
            using var sink = new MemoryStream();
            await context.Request.Body.CopyToAsync(sink, context.RequestAborted);
        }, k => k.Limits.MaxRequestBodySize = 10, TestTimeout.Token);
        using var http = new HttpClient { BaseAddress = endpoint.Address };

        using var small = await http.PostAsync("/", new ByteArrayContent(new byte[10]), TestTimeout.Token);
        using var large = await http.PostAsync("/", new ByteArrayContent(new byte[11]), TestTimeout.Token);
        await endpoint.DisposeAsync();

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/", TestTimeout.Token));
    }
}
