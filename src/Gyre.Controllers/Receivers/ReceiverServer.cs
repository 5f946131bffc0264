using Gyre.Notifications.Receivers;
using Gyre.Sources.Http;
using Microsoft.AspNetCore.Http;

namespace Gyre.Controllers.Receivers;

/// <summary>
/// notification-controller's webhook receiver server (its --receiverAddr, :9292 by default): every request under
/// <c>/hook/</c> goes to <see cref="DeliveryHandler"/>; bodies over 3 MiB get 413 and other paths 404.
/// </summary>
public sealed class ReceiverServer : IAsyncDisposable
{
    private readonly KestrelEndpoint _endpoint;

    private ReceiverServer(KestrelEndpoint endpoint) => _endpoint = endpoint;

    public Uri Address => _endpoint.Address;

    internal static async Task<ReceiverServer> StartAsync(string listenUrl, DeliveryHandler handler, CancellationToken cancellationToken)
    {
        return new ReceiverServer(await KestrelEndpoint.StartAsync(listenUrl, context => RouteAsync(context, handler), k =>
        {
            // As Flux's limits: headers at most 256 KiB, read within 10 s; the body is capped below to answer 413 itself.
            k.Limits.MaxRequestHeadersTotalSize = 256 * 1024;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        }, cancellationToken).ConfigureAwait(false));
    }

    // Every method under /hook/ (the handler answers what it does not accept); any other path is 404.
    private static Task RouteAsync(HttpContext context, DeliveryHandler handler)
    {
        if (!context.Request.Path.StartsWithSegments(WebhookPath.Prefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return HandleAsync(context, handler);
    }

    private static async Task HandleAsync(HttpContext context, DeliveryHandler handler)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var headers = context.Request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.FirstOrDefault() ?? string.Empty));
        var path = context.Request.PathBase + context.Request.Path;
        context.Response.StatusCode = await handler.HandleAsync(path.Value!, new WebhookDelivery(headers, body), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The body, or null when it is larger than <see cref="WebhookDelivery.MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > WebhookDelivery.MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > WebhookDelivery.MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public ValueTask DisposeAsync() => _endpoint.DisposeAsync();
}
