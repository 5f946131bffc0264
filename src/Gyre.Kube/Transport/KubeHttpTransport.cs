using System.Security.Cryptography.X509Certificates;

namespace Gyre.Kube.Transport;

/// <summary>
/// The connection pools of one client. A connection keeps the client certificate it was opened with, so when an
/// exec plugin rotates the certificate a new pool is started at once for new requests (client-go instead closes its
/// connections); the old pool serves its in-flight requests (watches included) and is disposed after the last one.
/// </summary>
internal sealed class KubeHttpTransport : IDisposable
{
    private readonly Func<X509Certificate2?, HttpMessageHandler> _createHandler;
    private readonly Lock _gate = new();
    private readonly List<HandlerGeneration> _live = [];
    private HandlerGeneration? _current;
    private bool _disposed;

    public KubeHttpTransport(Func<X509Certificate2?, HttpMessageHandler> createHandler)
    {
        _createHandler = createHandler;

        // Built now so a bad configuration (CA, client certificate) fails when the client is made, not on first use.
        _current = new HandlerGeneration(new HttpMessageInvoker(createHandler(null), disposeHandler: true), null);
        _live.Add(_current);
    }

    /// <summary>The pool for the given client certificate, referenced for one request: call Release when it ends.</summary>
    public HandlerGeneration Acquire(X509Certificate2? certificate)
    {
        HandlerGeneration? retired = null;
        HandlerGeneration current;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _live.RemoveAll(g => g.IsDisposed);
            if (_current is null || !ReferenceEquals(_current.Certificate, certificate))
            {
                retired = _current;
                _current = new HandlerGeneration(new HttpMessageInvoker(_createHandler(certificate), disposeHandler: true), certificate);
                _live.Add(_current);
            }

            current = _current;
            current.AddReference();
        }

        retired?.Retire();
        return current;
    }

    /// <summary>Disposes every pool, ending requests still running on them.</summary>
    public void Dispose()
    {
        List<HandlerGeneration> live;
        lock (_gate)
        {
            _disposed = true;
            live = [.. _live];
            _live.Clear();
            _current = null;
        }

        foreach (var generation in live)
        {
            generation.Dispose();
        }
    }
}
