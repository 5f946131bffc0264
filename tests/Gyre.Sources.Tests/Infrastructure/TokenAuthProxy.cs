using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gyre.Sources.Tests.Infrastructure;

/// <summary>
/// A registry front that speaks the distribution token flow (as Docker Hub, GHCR and Harbor do): requests without a
/// valid bearer token get <c>401 WWW-Authenticate: Bearer realm=…,service=…,scope=…</c>; the realm hands out a token
/// for basic credentials; authorised requests are proxied to a real docker-registry.
/// </summary>
public sealed class TokenAuthProxy : IAsyncDisposable
{
    private const string Token = "test-token-abc123";
    private readonly WebApplication _app;

    private TokenAuthProxy(WebApplication app, string host)
    {
        _app = app;
        Host = host;
    }

    public string Host { get; }

    public List<string> Scopes { get; } = [];

    /// <summary>Registry API requests (token requests not included).</summary>
    public int Requests => Volatile.Read(ref _requests);

    private int _requests;

    /// <param name="tls">Serve HTTPS while still advertising a plain-http token realm (a misconfigured or hostile registry).</param>
    public static async Task<TokenAuthProxy> StartAsync(string upstreamHost, string? username, string? password, TestCertificates? tls = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (tls is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.ConfigureKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0, l => l.UseHttps(tls.Server)));
        }

        var app = builder.Build();
        var upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri("http://" + upstreamHost) };
        TokenAuthProxy? proxy = null;
        var expectedBasic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password));
        app.Run(async context =>
        {
            var host = proxy!.Host;
            if (context.Request.Path == "/token")
            {
                // Anonymous tokens (Docker Hub style) when no user is configured.
                if (username is not null && context.Request.Headers.Authorization.ToString() != expectedBasic)
                {
                    context.Response.StatusCode = 401;
                    return;
                }

                lock (proxy.Scopes)
                {
                    proxy.Scopes.Add(context.Request.Query["scope"].ToString());
                }

                await context.Response.WriteAsJsonAsync(new { token = Token });
                return;
            }

            Interlocked.Increment(ref proxy._requests);
            if (context.Request.Headers.Authorization.ToString() != "Bearer " + Token)
            {
                var repo = context.Request.Path.Value!.Split('/').Skip(2).TakeWhile(p => p is not ("manifests" or "blobs" or "tags")).ToArray();
                var action = context.Request.Method is "GET" or "HEAD" ? "pull" : "pull,push";
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate =
                    $"Bearer realm=\"http://{host}/token\",service=\"gyre-test\",scope=\"repository:{string.Join('/', repo)}:{action}\"";
                return;
            }

            await ForwardAsync(context, upstream, host);
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        proxy = new TokenAuthProxy(app, $"127.0.0.1:{address.Port}");
        return proxy;
    }

    private static async Task ForwardAsync(HttpContext context, HttpClient upstream, string host)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
        if (context.Request.ContentLength > 0 || context.Request.Method is "PUT" or "POST" or "PATCH")
        {
            var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            request.Content = new ByteArrayContent(body.ToArray());
            if (context.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        foreach (var accept in context.Request.Headers.Accept)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (key, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (key is "Transfer-Encoding")
            {
                continue;
            }

            context.Response.Headers[key] = values.Select(v => v.Replace(upstream.BaseAddress!.Authority, host, StringComparison.Ordinal)).ToArray();
        }

        if (context.Request.Method != "HEAD")
        {
            await response.Content.CopyToAsync(context.Response.Body);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
