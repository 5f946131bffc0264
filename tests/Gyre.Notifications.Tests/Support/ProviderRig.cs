using Gyre.Notifications.Delivery;
using Gyre.Notifications.Events;
using Gyre.Notifications.Providers;

namespace Gyre.Notifications.Tests.Support;

/// <summary>A capture server plus real delivery: builds a provider's request for an event and sends it over HTTP.</summary>
public sealed class ProviderRig : IAsyncLifetime
{
    private NotificationDelivery _delivery = null!;

    public CaptureServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await CaptureServer.StartAsync();
        _delivery = new NotificationDelivery(new DeliveryOptions { FirstRetryDelay = TimeSpan.FromMilliseconds(10) }, TimeProvider.System);
    }

    public static ProviderSettings Settings(string type) => new()
    {
        Type = type, Namespace = "flux-system", Name = type, Uid = "a1b2c3d4-e5f6-4789-abcd-ef0123456789",
    };

    /// <summary>Sends the event through the provider and returns what the endpoint received.</summary>
    public async Task<CapturedRequest> SendAsync(ProviderSettings settings, FluxEvent ev)
    {
        var request = NotifierFactory.Create(settings).Build(ev) ?? throw new InvalidOperationException($"{settings.Type} built no request");
        _delivery.Enqueue(settings, request);
        return await Server.NextAsync();
    }

    public async Task DisposeAsync()
    {
        await _delivery.DisposeAsync();
        await Server.DisposeAsync();
    }
}
