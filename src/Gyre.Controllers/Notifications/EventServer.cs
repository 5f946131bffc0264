using Gyre.Notifications;
using Gyre.Notifications.Events;
using Gyre.Notifications.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
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

    private readonly WebApplication _app;

    private EventServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<EventServer> StartAsync(string listenUrl, INotificationSink sink, ILogger logger, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(listenUrl);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBodyBytes);
        var app = builder.Build();
        app.MapPost("/", context => HandleAsync(context, sink, logger));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EventServer(app, new Uri(bound));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
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
