using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gyre.Kube.Bench;

/// <summary>
/// Serves pre-serialised API responses from 127.0.0.1, so the benchmark measures the client (HTTP + JSON + object
/// handling) and not a server: a list of N ConfigMaps, and a watch stream of M events that then ends.
/// The serialised objects are shaped like real ConfigMaps (metadata with uid, labels, timestamps; two data keys).
/// </summary>
internal sealed class CannedApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CannedApiServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<CannedApiServer> StartAsync(int listSize, int watchEvents)
    {
        var list = Encoding.UTF8.GetBytes(ListJson(listSize));
        var watch = Encoding.UTF8.GetBytes(WatchJson(watchEvents));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        app.Run(context =>
        {
            context.Response.ContentType = "application/json";
            if (context.Request.Query["watch"] != "1")
            {
                return context.Response.Body.WriteAsync(list).AsTask();
            }

            // A watch with a label selector is the informer's: it stays idle, so the cache holds exactly the list.
            return context.Request.Query.ContainsKey("labelSelector")
                ? Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default)
                : context.Response.Body.WriteAsync(watch).AsTask();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CannedApiServer(app, new Uri(address));
    }

    public static string ConfigMap(int i, int rv) =>
        $$$"""{"metadata":{"name":"cm-{{{i:D5}}}","namespace":"bench","uid":"{{{Guid.NewGuid()}}}","resourceVersion":"{{{rv}}}","creationTimestamp":"2026-01-01T00:00:00Z","labels":{"app":"bench","index":"{{{i}}}"}},"data":{"key":"value-{{{i}}}","config.yaml":"replicas: 3\nimage: nginx:1.27\n"}}""";

    private static string ListJson(int n)
    {
        var sb = new StringBuilder("""{"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"100"},"items":[""");
        for (var i = 0; i < n; i++)
        {
            sb.Append(i == 0 ? "" : ",").Append(ConfigMap(i, 100));
        }

        return sb.Append("]}").ToString();
    }

    private static string WatchJson(int n)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            sb.Append("""{"type":"MODIFIED","object":""").Append(ConfigMap(i % 1000, 101 + i)).Append("}\n");
        }

        return sb.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
