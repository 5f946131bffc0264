using System.Net;

namespace Gyre.Kube.Transport;

/// <summary>A response body that keeps its connection pool alive until the response is disposed.</summary>
internal sealed class LeasedContent : HttpContent
{
    private readonly HttpContent _inner;
    private HandlerGeneration? _generation;

    public LeasedContent(HttpContent inner, HandlerGeneration generation)
    {
        _inner = inner;
        _generation = generation;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _inner.CopyToAsync(stream, cancellationToken);

    protected override Task<Stream> CreateContentReadStreamAsync() => _inner.ReadAsStreamAsync();

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => _inner.ReadAsStreamAsync(cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            Interlocked.Exchange(ref _generation, null)?.Release();
        }

        base.Dispose(disposing);
    }
}
