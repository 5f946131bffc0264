using Gyre.Runtime.Metrics;
using Gyre.Sources.Http;
using Microsoft.AspNetCore.Http;

namespace Gyre.Controllers.Hosting;

/// <summary>
/// controller-runtime's metrics and probe endpoints: /metrics in the Prometheus text format, /healthz (the process
/// is up) and /readyz (caches synced and, with leader election, able to work).
/// </summary>
public sealed class ProbeServer : IAsyncDisposable
{
    private const string PlainText = "text/plain; charset=utf-8";
    private readonly KestrelEndpoint _endpoint;

    private ProbeServer(KestrelEndpoint endpoint) => _endpoint = endpoint;

    public Uri Address => _endpoint.Address;

    public static async Task<ProbeServer> StartAsync(string listenUrl, MetricsRegistry? metrics, Func<bool> ready, CancellationToken cancellationToken)
    {
        return new ProbeServer(await KestrelEndpoint.StartAsync(listenUrl, context => ServeAsync(context, metrics, ready), null, cancellationToken)
            .ConfigureAwait(false));
    }

    private static Task ServeAsync(HttpContext context, MetricsRegistry? metrics, Func<bool> ready)
    {
        var (status, type, body) = context.Request.Path.Value switch
        {
            "/metrics" when metrics is not null => (StatusCodes.Status200OK, "text/plain; version=0.0.4; charset=utf-8", metrics.Render()),
            "/healthz" => (StatusCodes.Status200OK, PlainText, "ok"),
            "/readyz" => ready() ? (StatusCodes.Status200OK, PlainText, "ok") : (StatusCodes.Status503ServiceUnavailable, PlainText, "not ready"),
            _ => (StatusCodes.Status404NotFound, PlainText, "404 page not found"),
        };
        if (status != StatusCodes.Status404NotFound && !HttpMethods.IsGet(context.Request.Method))
        {
            (status, body) = (StatusCodes.Status405MethodNotAllowed, "method not allowed");
            context.Response.Headers.Allow = "GET";
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = type;
        return context.Response.WriteAsync(body, context.RequestAborted);
    }

    public ValueTask DisposeAsync() => _endpoint.DisposeAsync();
}
