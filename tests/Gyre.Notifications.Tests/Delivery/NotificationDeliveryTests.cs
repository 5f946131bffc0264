using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Gyre.Notifications.Delivery;
using Gyre.Notifications.Providers;
using Gyre.Notifications.Tests.Support;

namespace Gyre.Notifications.Tests.Delivery;

public sealed class NotificationDeliveryTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<DeliveryOutcome> _outcomes = new();
    private CaptureServer _server = null!;
    private NotificationDelivery _delivery = null!;

    public async Task InitializeAsync()
    {
        _server = await CaptureServer.StartAsync();
        _delivery = new NotificationDelivery(
            new DeliveryOptions { FirstRetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(50), MaxRetries = 3 },
            TimeProvider.System, _outcomes.Enqueue);
    }

    private ProviderSettings Generic(string? address = null) =>
        ProviderRig.Settings(ProviderTypes.Generic) with { Address = address ?? _server.Origin + "/hook", Timeout = TimeSpan.FromSeconds(5) };

    private void Send(ProviderSettings settings) => _delivery.Enqueue(settings, NotifierFactory.Create(settings).Build(TestEvents.Succeeded())!);

    [Fact]
    public async Task A_500_is_retried_until_the_endpoint_accepts()
    {
        _server.RespondWith(500, 503);

        Send(Generic());

        Assert.Equal(500, (await _server.NextAsync()).AnsweredWith);
        Assert.Equal(503, (await _server.NextAsync()).AnsweredWith);
        var third = await _server.NextAsync();
        Assert.Equal(200, third.AnsweredWith);
        Assert.Equal(FluxEventJsonBody(), third.Body);
        await UntilAsync(() => _delivery.Delivered == 1);
        Assert.Equal([false, false, true], _outcomes.Select(o => o.Delivered));
        Assert.Equal([1, 2, 3], _outcomes.Select(o => o.Attempt));
    }

    [Fact]
    public async Task A_429_is_retried_but_a_400_is_not()
    {
        _server.RespondWith(429, 400);

        Send(Generic());

        Assert.Equal(429, (await _server.NextAsync()).AnsweredWith);
        Assert.Equal(400, (await _server.NextAsync()).AnsweredWith);
        await UntilAsync(() => _delivery.Failed == 1);
        var last = _outcomes.Last();
        Assert.False(last.WillRetry);
        Assert.Equal($"Provider flux-system/generic: posting to POST {_server.Origin}: the endpoint answered 400 Bad Request", last.Error);
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_number()
    {
        _server.RespondWith(500, 500, 500, 500, 500, 500);

        Send(Generic());

        await UntilAsync(() => _delivery.Failed == 1);
        Assert.Equal(4, _server.Count);
        Assert.Equal(0, _delivery.Pending);
    }

    [Fact]
    public async Task A_dead_endpoint_never_blocks_the_publisher_or_other_providers()
    {
        var dead = Generic("http://127.0.0.1:" + ClosedPort() + "/hook");
        for (var i = 0; i < 50; i++)
        {
            Send(dead);
        }

        Send(Generic());

        Assert.Equal(200, (await _server.NextAsync()).AnsweredWith);
        await UntilAsync(() => _delivery.Failed == 50);
        Assert.All(_outcomes.Where(o => !o.Delivered), o => Assert.StartsWith("Provider flux-system/generic: posting to POST http://127.0.0.1:", o.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Errors_never_contain_the_webhook_path_or_the_token()
    {
        _server.RespondWith(404);
        var settings = ProviderRig.Settings(ProviderTypes.Slack) with { Address = _server.Origin + "/services/T000/B000/XXXXsecret", Token = null };

        _delivery.Enqueue(settings, NotifierFactory.Create(settings).Build(TestEvents.Succeeded())!);

        await UntilAsync(() => _delivery.Failed == 1);
        Assert.DoesNotContain("secret", _outcomes.Single().Error, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _delivery.DisposeAsync();
        await _server.DisposeAsync();
    }

    private static string FluxEventJsonBody() => Gyre.Notifications.Events.FluxEventJson.Serialize(TestEvents.Succeeded());

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for deliveries");
            await Task.Delay(10);
        }
    }
}
