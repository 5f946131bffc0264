using Gyre.Notifications;
using Gyre.Notifications.Events;
using Gyre.Notifications.Pipeline;
using Gyre.Sources.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.Notifications;

/// <summary>
/// notification-controller's event endpoint (--events-addr): controllers outside this process POST Flux events
/// (eventv1.Event JSON) to `/`; 202 when routed, 429 for a duplicate inside the rate-limit window, 400 for an
/// event that is not valid, 413 past the body limit.
/// </summary>
public sealed class EventServer : IAsyncDisposable
{
    /// <summary>Events are small; anything larger is not an event.</summary>
    public const long MaxBodyBytes = 1 << 20;

    private readonly KestrelEndpoint _endpoint;

    private EventServer(KestrelEndpoint endpoint) => _endpoint = endpoint;

    public Uri Address => _endpoint.Address;

    public static async Task<EventServer> StartAsync(string listenUrl, INotificationSink sink, ILogger logger, CancellationToken cancellationToken)
    {
        return new EventServer(await KestrelEndpoint.StartAsync(listenUrl, context => RouteAsync(context, sink, logger),
            k => k.Limits.MaxRequestBodySize = MaxBodyBytes, cancellationToken).ConfigureAwait(false));
    }

    public ValueTask DisposeAsync() => _endpoint.DisposeAsync();

    // POST / only: another path is 404, another method 405.
    private static Task RouteAsync(HttpContext context, INotificationSink sink, ILogger logger)
    {
        if (context.Request.Path.Value is not ("/" or ""))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "POST";
            return Task.CompletedTask;
        }

        return HandleAsync(context, sink, logger);
    }

    private static async Task HandleAsync(HttpContext context, INotificationSink sink, ILogger logger)
    {
        FluxEvent ev;
        try
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
            ev = FluxEventJson.Parse(body.GetBuffer().AsSpan(0, (int)body.Length));
            if (ev.Severity is not (EventSeverity.Info or EventSeverity.Error or EventSeverity.Trace))
            {
                throw new NotificationException("event", $"severity '{ev.Severity}' is not info, error or trace");
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        catch (NotificationException ex)
        {
            logger.LogInformation("event endpoint: refused an event: {Reason}", ex.Reason);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync(ex.Message, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var result = await sink.PublishAsync(ev, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = result.RateLimited ? StatusCodes.Status429TooManyRequests : StatusCodes.Status202Accepted;
    }
}
