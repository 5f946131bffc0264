using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.Hosting;

/// <summary>
/// A small Kestrel server the controllers run beside their work (probes, webhook receiver, event endpoint): quiet
/// logging, listening where asked (port 0 picks one), and the address it really bound.
/// </summary>
internal sealed class HttpEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpEndpoint(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<HttpEndpoint> StartAsync(string listenUrl, Action<KestrelServerOptions>? limits, Action<WebApplication> map, CancellationToken cancellationToken)
    {
        // No appsettings reload: it would watch the working directory's whole tree with inotify (thousands of watches,
        // memory, and events for every work directory the reconcilers create and delete).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(listenUrl);
        if (limits is not null)
        {
            builder.WebHost.ConfigureKestrel(limits);
        }

        var app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpEndpoint(app, new Uri(bound));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
