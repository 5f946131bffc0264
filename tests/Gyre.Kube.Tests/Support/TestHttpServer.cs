using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gyre.Kube.Tests.Support;

/// <summary>
/// A tiny real Kestrel server on 127.0.0.1 (ephemeral port) for transport behaviours the local cluster cannot be
/// made to produce on demand: 429 with Retry-After, 5xx, a connection dropped mid-watch, certificates for another
/// host name, rejected tokens. Everything Kubernetes-semantic is tested against the local cluster instead.
/// </summary>
public sealed class TestHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHttpServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<TestHttpServer> StartAsync(Func<HttpContext, Task> handler, X509Certificate2? certificate = null, X509Certificate2? requireClientCertFromCa = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            if (certificate is not null)
            {
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate,
                    ClientCertificateMode = requireClientCertFromCa is null ? ClientCertificateMode.NoCertificate : ClientCertificateMode.RequireCertificate,
                    ClientCertificateValidation = (cert, _, _) => requireClientCertFromCa is not null && cert.Issuer == requireClientCertFromCa.Subject,
                });
            }
        }));
        var app = builder.Build();
        TestHttpServer? server = null;
        app.Run(async context =>
        {
            server!.Requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase),
                context.Request.Protocol,
                context.Connection.ClientCertificate?.Subject));
            await handler(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new TestHttpServer(app, new Uri(address));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record RecordedRequest(string Method, string PathAndQuery, Dictionary<string, string?[]> Headers, string Protocol, string? ClientCertificateSubject);
