using System.Collections.Concurrent;
using Gyre.Notifications.Delivery;
using Gyre.Notifications.Providers;
using Gyre.Notifications.Tests.Support;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Notifications.Tests.Delivery;

/// <summary>certSecretRef and spec.timeout: the transport a Provider's settings give its deliveries.</summary>
public sealed class ProviderTransportTests : IAsyncLifetime
{
    private readonly TestCertificates _certs = TestCertificates.Create();
    private readonly ConcurrentQueue<DeliveryOutcome> _outcomes = new();
    private NotificationDelivery _delivery = null!;

    public Task InitializeAsync()
    {
        _delivery = new NotificationDelivery(new DeliveryOptions { MaxRetries = 0 }, TimeProvider.System, _outcomes.Enqueue);
        return Task.CompletedTask;
    }

    private async Task<DeliveryOutcome> DeliverAsync(ProviderSettings settings)
    {
        _delivery.Enqueue(settings, NotifierFactory.Create(settings).Build(TestEvents.Succeeded())!);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_outcomes.IsEmpty)
        {
            Assert.True(DateTime.UtcNow < deadline, "no delivery outcome within 20s");
            await Task.Delay(10);
        }

        Assert.True(_outcomes.TryDequeue(out var outcome));
        return outcome;
    }

    private static ProviderSettings Generic(CaptureServer server) =>
        ProviderRig.Settings(ProviderTypes.Generic) with { Address = server.Origin + "/hook", Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task An_HTTPS_endpoint_signed_by_the_certSecretRef_CA_is_trusted()
    {
        await using var server = await CaptureServer.StartAsync(_certs.Server);

        var outcome = await DeliverAsync(Generic(server) with { CaCertificate = _certs.CaPem });

        Assert.True(outcome.Delivered, outcome.Error);
        Assert.Equal("POST", (await server.NextAsync()).Method);
    }

    [Fact]
    public async Task Without_the_CA_the_endpoints_certificate_is_refused()
    {
        await using var server = await CaptureServer.StartAsync(_certs.Server);

        var outcome = await DeliverAsync(Generic(server));

        Assert.False(outcome.Delivered);
        Assert.StartsWith($"Provider flux-system/generic: posting to POST {server.Origin}: ", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(0, server.Count);
    }

    [Fact]
    public async Task A_client_certificate_from_certSecretRef_satisfies_mutual_TLS()
    {
        await using var server = await CaptureServer.StartAsync(_certs.Server, clientCaSubject: "CN=Gyre Test CA");

        var outcome = await DeliverAsync(Generic(server) with
        {
            CaCertificate = _certs.CaPem, ClientCertificate = _certs.ClientCertificatePem, ClientKey = _certs.ClientKeyPem,
        });

        Assert.True(outcome.Delivered, outcome.Error);
    }

    [Fact]
    public async Task Deliveries_go_through_the_providers_proxy_with_the_credentials_in_its_url()
    {
        await using var server = await CaptureServer.StartAsync();
        await using var proxy = await ForwardProxy.StartAsync("relay", "s3cret");

        var outcome = await DeliverAsync(Generic(server) with { Proxy = proxy.Address.Replace("http://", "http://relay:s3cret@", StringComparison.Ordinal) });

        Assert.True(outcome.Delivered, outcome.Error);
        Assert.Equal(1, proxy.Relayed);
        Assert.Equal("/hook", (await server.NextAsync()).Path);
    }

    [Fact]
    public async Task A_proxy_refusing_the_credentials_fails_the_delivery_without_showing_them()
    {
        await using var server = await CaptureServer.StartAsync();
        await using var proxy = await ForwardProxy.StartAsync("relay", "s3cret");

        var outcome = await DeliverAsync(Generic(server) with { Proxy = proxy.Address.Replace("http://", "http://relay:wrong@", StringComparison.Ordinal) });

        Assert.False(outcome.Delivered);
        Assert.DoesNotContain("wrong", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(0, proxy.Relayed);
        Assert.Equal(0, server.Count);
    }

    [Fact]
    public async Task An_endpoint_slower_than_the_providers_timeout_fails_with_the_timeout()
    {
        await using var server = await CaptureServer.StartAsync();
        server.Delay = TimeSpan.FromSeconds(30);

        var outcome = await DeliverAsync(Generic(server) with { Timeout = TimeSpan.FromMilliseconds(300) });

        Assert.False(outcome.Delivered);
        Assert.EndsWith("no answer within 0.3s", outcome.Error, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _delivery.DisposeAsync();
        _certs.Server.Dispose();
    }
}
