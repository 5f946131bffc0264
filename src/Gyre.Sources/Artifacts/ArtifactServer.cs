using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gyre.Sources.Artifacts;

/// <summary>
/// Serves the artifact store over plain HTTP, as source-controller's storage server on :9090 does; consumers download
/// <c>artifact.url</c> and verify the digest themselves. Only files inside the store are served.
/// </summary>
public sealed class ArtifactServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ArtifactServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The bound address (with the real port when 0 was asked for).</summary>
    public Uri Address { get; }

    /// <summary>Starts serving <paramref name="store"/> on <paramref name="listenUrl"/>, e.g. http://127.0.0.1:0.</summary>
    public static async Task<ArtifactServer> StartAsync(ArtifactStore store, string listenUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        // No appsettings reload: it would watch the working directory's whole tree with inotify (thousands of watches,
        // memory, and events for every work directory the reconcilers create and delete).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(listenUrl);
        var app = builder.Build();
        app.MapGet("/{**path}", (string? path) => Serve(store, path ?? ""));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        // A started Kestrel server always exposes the addresses feature, with the port it actually bound.
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ArtifactServer(app, new Uri(bound));
    }

    private static IResult Serve(ArtifactStore store, string path)
    {
        string local;
        try
        {
            local = store.LocalPath(path);
        }
        catch (SourceException)
        {
            return Results.NotFound();
        }

        if (!File.Exists(local) || Path.GetFileName(local).StartsWith('.'))
        {
            return Results.NotFound();
        }

        var type = local.EndsWith(".tar.gz", StringComparison.Ordinal) || local.EndsWith(".tgz", StringComparison.Ordinal)
            ? "application/gzip"
            : local.EndsWith(".yaml", StringComparison.Ordinal) ? "application/x-yaml" : "application/octet-stream";
        return Results.File(local, type, enableRangeProcessing: true);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
