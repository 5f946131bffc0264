using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gyre.Kube.Transport;

namespace Gyre.Kube.Tests.Transport;

public sealed class KubeHttpTransportTests
{
    private sealed class CountingHandler : HttpMessageHandler
    {
        public bool Disposed { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    private static X509Certificate2 Certificate(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
    }

    [Fact]
    public void A_new_certificate_gets_a_new_pool_and_the_old_one_is_disposed_when_its_last_request_ends()
    {
        var handlers = new List<CountingHandler>();
        using var transport = new KubeHttpTransport(_ => { var h = new CountingHandler(); handlers.Add(h); return h; });
        var first = Certificate("first");
        var second = Certificate("second");

        var running = transport.Acquire(first);
        var sameCertificate = transport.Acquire(first);
        sameCertificate.Release();
        var rotated = transport.Acquire(second);
        var disposedWhileRunning = handlers[1].Disposed;
        running.Release();

        Assert.Equal(3, handlers.Count); // the eager one (no certificate yet), first, second
        Assert.True(handlers[0].Disposed);
        Assert.False(disposedWhileRunning);
        Assert.True(handlers[1].Disposed);
        Assert.False(handlers[2].Disposed);
        Assert.Same(second, rotated.Certificate);
        rotated.Release();
        Assert.False(handlers[2].Disposed);
    }

    [Fact]
    public void Disposing_the_transport_disposes_every_pool_even_with_requests_running()
    {
        var handlers = new List<CountingHandler>();
        var transport = new KubeHttpTransport(_ => { var h = new CountingHandler(); handlers.Add(h); return h; });
        transport.Acquire(null);

        transport.Dispose();

        Assert.True(Assert.Single(handlers).Disposed);
        Assert.Throws<ObjectDisposedException>(() => transport.Acquire(null));
    }
}
