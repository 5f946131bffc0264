namespace Gyre.Kustomize.Remote;

/// <summary>
/// A remote fetch failed (git exited non-zero, an HTTP status, a timeout). The engine wraps it into a
/// <see cref="KustomizeException"/> naming the kustomization and the entry; HttpStatus is set for HTTP failures.
/// </summary>
public sealed class RemoteFetchException : Exception
{
    public RemoteFetchException(string message)
        : base(message)
    {
    }

    public RemoteFetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RemoteFetchException(string message, int? httpStatus)
        : base(message) => HttpStatus = httpStatus;

    public int? HttpStatus { get; }
}
