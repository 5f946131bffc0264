using Gyre.Runtime.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gyre.Controllers.Hosting;

/// <summary>
/// controller-runtime's metrics and probe endpoints: /metrics in the Prometheus text format, /healthz (the process
/// is up) and /readyz (caches synced and, with leader election, able to work).
/// </summary>
public sealed class ProbeServer : IAsyncDisposable
{
    private readonly HttpEndpoint _endpoint;

    private ProbeServer(HttpEndpoint endpoint) => _endpoint = endpoint;

    public Uri Address => _endpoint.Address;

    public static async Task<ProbeServer> StartAsync(string listenUrl, MetricsRegistry? metrics, Func<bool> ready, CancellationToken cancellationToken)
    {
        return new ProbeServer(await HttpEndpoint.StartAsync(listenUrl, null, app =>
        {
            if (metrics is not null)
            {
                app.MapGet("/metrics", () => Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"));
            }

            app.MapGet("/healthz", () => Results.Text("ok"));
            app.MapGet("/readyz", () => ready() ? Results.Text("ok") : Results.Text("not ready", statusCode: 503));
        }, cancellationToken).ConfigureAwait(false));
    }

    public ValueTask DisposeAsync() => _endpoint.DisposeAsync();
}
