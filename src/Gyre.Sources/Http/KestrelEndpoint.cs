using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gyre.Sources.Http;

/// <summary>
/// A bare Kestrel server calling one request delegate: no generic host, dependency injection, configuration,
/// routing or minimal-API code generation. The controllers run several such small servers (artifacts, probes,
/// webhook receiver, event endpoint) for the whole life of the process; a WebApplication each loaded and kept about
/// 10 MiB of framework code and objects that none of them needs (docs/performance/controllers.md).
/// </summary>
public sealed class KestrelEndpoint : IAsyncDisposable
{
    private readonly KestrelServer _server;

    private KestrelEndpoint(KestrelServer server, Uri address)
    {
        _server = server;
        Address = address;
    }

    /// <summary>The bound address (with the real port when 0 was asked for).</summary>
    public Uri Address { get; }

    /// <summary>Listens on <paramref name="listenUrl"/> (e.g. http://127.0.0.1:0) and calls <paramref name="handler"/> for every request.</summary>
    public static async Task<KestrelEndpoint> StartAsync(string listenUrl, RequestDelegate handler, Action<KestrelServerOptions>? configure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var options = new KestrelServerOptions { AddServerHeader = false, ApplicationServices = NoServices.Instance };
        configure?.Invoke(options);
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), NullLoggerFactory.Instance);
        var server = new KestrelServer(Options.Create(options), transport, NullLoggerFactory.Instance);
        var addresses = server.Features.Get<IServerAddressesFeature>()!;
        addresses.Addresses.Add(listenUrl);
        try
        {
            await server.StartAsync(new Application(handler), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        // A started Kestrel server always lists the addresses it bound, with the real port.
        return new KestrelEndpoint(server, new Uri(addresses.Addresses.First()));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(CancellationToken.None).ConfigureAwait(false);
        _server.Dispose();
    }

    private sealed class Application(RequestDelegate handler) : IHttpApplication<HttpContext>
    {
        public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

        public Task ProcessRequestAsync(HttpContext context) => handler(context);

        public void DisposeContext(HttpContext context, Exception? exception) => ((DefaultHttpContext)context).Uninitialize();
    }

    // Kestrel asks its options for application services only for features these servers do not use (HTTPS
    // configuration from files, connection middleware); an empty provider answers them.
    private sealed class NoServices : IServiceProvider
    {
        public static readonly NoServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
