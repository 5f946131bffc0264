using System.Text.Json.Nodes;
using Gyre.Notifications.Alerts;
using Gyre.Notifications.Delivery;
using Gyre.Notifications.Events;
using Gyre.Notifications.Pipeline;
using Gyre.Notifications.Providers;
using Gyre.Notifications.Tests.Support;

namespace Gyre.Notifications.Tests.Pipeline;

public sealed class NotificationPipelineTests : IAsyncLifetime
{
    private readonly AlertRouteTable _routes = new();
    private CaptureServer _server = null!;
    private NotificationDelivery _delivery = null!;
    private NotificationPipeline _pipeline = null!;

    public async Task InitializeAsync()
    {
        _server = await CaptureServer.StartAsync();
        _delivery = new NotificationDelivery(new DeliveryOptions(), TimeProvider.System);
        _pipeline = new NotificationPipeline(_routes, new EventRateLimiter(EventRateLimiter.DefaultInterval, TimeProvider.System), _delivery);
    }

    private void Route(string alertName, string type, string spec, string? path = null)
    {
        var alert = AlertSpec.FromObject(JsonNode.Parse(
            "{\"metadata\":{\"name\":\"" + alertName + "\",\"namespace\":\"flux-system\"},\"spec\":{\"providerRef\":{\"name\":\"p\"}," + spec + "}")!.AsObject());
        var provider = ProviderRig.Settings(type) with { Address = _server.Origin + (path ?? "/" + alertName), Token = "t" };
        _routes.Set(new AlertRoute(alert, provider, NotifierFactory.Create(provider)));
    }

    [Fact]
    public async Task A_matching_event_reaches_every_matching_route_with_the_alerts_summary()
    {
        Route("all", ProviderTypes.Generic, """ "summary":"prod","eventSources":[{"kind":"Kustomization","name":"*"}]}""");
        Route("errors", ProviderTypes.Generic, """ "eventSeverity":"error","eventSources":[{"kind":"Kustomization","name":"*"}]}""");

        var result = await _pipeline.PublishAsync(TestEvents.Succeeded(), CancellationToken.None);

        Assert.Equal(new PublishResult(false, 1), result);
        var received = await _server.NextAsync();
        Assert.Equal("/all", received.Path);
        Assert.Equal("prod", (string?)received.Json["metadata"]!["summary"]);
    }

    [Fact]
    public async Task The_same_event_twice_is_delivered_once()
    {
        Route("all", ProviderTypes.Generic, """ "eventSources":[{"kind":"Kustomization","name":"*"}]}""");

        Assert.Equal(new PublishResult(false, 1), await _pipeline.PublishAsync(TestEvents.Succeeded(), CancellationToken.None));
        Assert.Equal(new PublishResult(true, 0), await _pipeline.PublishAsync(TestEvents.Succeeded(), CancellationToken.None));
    }

    [Fact]
    public async Task A_suspended_provider_or_a_removed_alert_receives_nothing()
    {
        Route("gone", ProviderTypes.Generic, """ "eventSources":[{"kind":"Kustomization","name":"*"}]}""");
        _routes.Remove("flux-system", "gone");
        var alert = AlertSpec.FromObject(JsonNode.Parse("""{"metadata":{"name":"s","namespace":"flux-system"},"spec":{"providerRef":{"name":"p"},"eventSources":[{"kind":"Kustomization","name":"*"}]}}""")!.AsObject());
        var suspended = ProviderRig.Settings(ProviderTypes.Generic) with { Address = _server.Origin, Suspend = true };
        _routes.Set(new AlertRoute(alert, suspended, NotifierFactory.Create(suspended)));

        Assert.Equal(new PublishResult(false, 0), await _pipeline.PublishAsync(TestEvents.Succeeded(), CancellationToken.None));
    }

    [Fact]
    public async Task Commit_status_routes_skip_events_that_carry_no_commit_status()
    {
        Route("status", ProviderTypes.GitHub, """ "eventSources":[{"kind":"Kustomization","name":"*"}]}""", "/org/fleet");
        var changeSet = TestEvents.Succeeded(message: "ConfigMap/apps/a created") with
        {
            Metadata = new Dictionary<string, string> { ["kustomize.toolkit.fluxcd.io/revision"] = "main@sha1:" + TestEvents.Sha },
        };

        Assert.Equal(0, (await _pipeline.PublishAsync(changeSet, CancellationToken.None)).Deliveries);
        Assert.Equal(1, (await _pipeline.PublishAsync(TestEvents.Succeeded(), CancellationToken.None)).Deliveries);
        Assert.Equal($"/api/v3/repos/org/fleet/statuses/{TestEvents.Sha}", (await _server.NextAsync()).Path);
    }

    public async Task DisposeAsync()
    {
        await _delivery.DisposeAsync();
        await _server.DisposeAsync();
    }
}
