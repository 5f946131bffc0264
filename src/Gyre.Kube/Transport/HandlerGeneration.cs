using System.Security.Cryptography.X509Certificates;

namespace Gyre.Kube.Transport;

/// <summary>
/// One connection pool and the client certificate it presents. Requests hold a reference while they run (for a
/// streamed response, until the response is disposed); a retired generation is disposed when its last request ends,
/// so in-flight requests finish on their connection while new ones use the next generation.
/// </summary>
internal sealed class HandlerGeneration
{
    private int _active;
    private int _retired;
    private int _disposed;

    public HandlerGeneration(HttpMessageInvoker invoker, X509Certificate2? certificate)
    {
        Invoker = invoker;
        Certificate = certificate;
    }

    public HttpMessageInvoker Invoker { get; }

    public X509Certificate2? Certificate { get; }

    public bool IsDisposed => Volatile.Read(ref _disposed) == 1;

    public void AddReference() => Interlocked.Increment(ref _active);

    public void Release()
    {
        if (Interlocked.Decrement(ref _active) == 0 && Volatile.Read(ref _retired) == 1)
        {
            Dispose();
        }
    }

    /// <summary>No new requests will use this generation; it is disposed once the running ones end.</summary>
    public void Retire()
    {
        Interlocked.Exchange(ref _retired, 1);
        if (Volatile.Read(ref _active) == 0)
        {
            Dispose();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Invoker.Dispose();
            Certificate?.Dispose();
        }
    }
}
