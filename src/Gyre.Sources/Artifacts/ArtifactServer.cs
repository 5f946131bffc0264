using Gyre.Sources.Http;
using Microsoft.AspNetCore.Http;

namespace Gyre.Sources.Artifacts;

/// <summary>
/// Serves the artifact store over plain HTTP, as source-controller's storage server on :9090 does; consumers download
/// <c>artifact.url</c> and verify the digest themselves. Only files inside the store are served (GET and HEAD).
/// </summary>
public sealed class ArtifactServer : IAsyncDisposable
{
    private readonly KestrelEndpoint _endpoint;

    private ArtifactServer(KestrelEndpoint endpoint) => _endpoint = endpoint;

    /// <summary>The bound address (with the real port when 0 was asked for).</summary>
    public Uri Address => _endpoint.Address;

    /// <summary>Starts serving <paramref name="store"/> on <paramref name="listenUrl"/>, e.g. http://127.0.0.1:0.</summary>
    public static async Task<ArtifactServer> StartAsync(ArtifactStore store, string listenUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new ArtifactServer(await KestrelEndpoint.StartAsync(listenUrl, context => ServeAsync(store, context), null, cancellationToken).ConfigureAwait(false));
    }

    private static async Task ServeAsync(ArtifactStore store, HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET, HEAD";
            return;
        }

        if (Locate(store, request.Path.Value is { Length: > 0 } path ? path[1..] : string.Empty) is not { } local)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        FileStream file;
        try
        {
            file = new FileStream(local, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Garbage-collected between the check and the open.
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await using (file.ConfigureAwait(false))
        {
            response.ContentType = ContentType(local);
            response.ContentLength = file.Length;
            response.Headers.LastModified = File.GetLastWriteTimeUtc(local).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            if (HttpMethods.IsGet(request.Method))
            {
                await file.CopyToAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    private static string? Locate(ArtifactStore store, string path)
    {
        string local;
        try
        {
            local = store.LocalPath(path);
        }
        catch (SourceException)
        {
            return null;
        }

        return File.Exists(local) && !Path.GetFileName(local).StartsWith('.') ? local : null;
    }

    private static string ContentType(string local) =>
        local.EndsWith(".tar.gz", StringComparison.Ordinal) || local.EndsWith(".tgz", StringComparison.Ordinal)
            ? "application/gzip"
            : local.EndsWith(".yaml", StringComparison.Ordinal) ? "application/x-yaml" : "application/octet-stream";

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _endpoint.DisposeAsync();
}
