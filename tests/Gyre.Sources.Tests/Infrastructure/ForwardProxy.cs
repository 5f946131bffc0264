using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gyre.Sources.Tests.Infrastructure;

/// <summary>
/// A plain-HTTP forward proxy on 127.0.0.1 demanding <c>Proxy-Authorization: Basic</c> (407 otherwise), which relays
/// absolute-form requests to their target and counts them.
/// </summary>
public sealed class ForwardProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _relayed;

    private ForwardProxy(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public string Address { get; }

    public int Relayed => Volatile.Read(ref _relayed);

    public static async Task<ForwardProxy> StartAsync(string username, string password)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password));
        var upstream = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
        ForwardProxy? proxy = null;
        app.Run(async context =>
        {
            if (context.Request.Headers["Proxy-Authorization"].ToString() != expected)
            {
                context.Response.StatusCode = 407;
                context.Response.Headers["Proxy-Authenticate"] = "Basic realm=\"proxy\"";
                return;
            }

            Interlocked.Increment(ref proxy!._relayed);
            var target = new Uri(context.Request.GetEncodedUrl());
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
            if (context.Request.Method == "POST")
            {
                var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                request.Content = new ByteArrayContent(body.ToArray());
                foreach (var header in new[] { "Content-Type", "Content-Encoding" })
                {
                    if (context.Request.Headers.TryGetValue(header, out var value))
                    {
                        request.Content.Headers.TryAddWithoutValidation(header, value.ToString());
                    }
                }
            }

            foreach (var header in new[] { "Git-Protocol", "Accept", "Authorization", "X-Amz-Date", "X-Amz-Content-SHA256", "X-Amz-Security-Token" })
            {
                if (context.Request.Headers.TryGetValue(header, out var value))
                {
                    request.Headers.TryAddWithoutValidation(header, value.ToString());
                }
            }

            using var response = await upstream.SendAsync(request);
            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } type)
            {
                context.Response.ContentType = type.ToString();
            }

            await response.Content.CopyToAsync(context.Response.Body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy = new ForwardProxy(app, address);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
