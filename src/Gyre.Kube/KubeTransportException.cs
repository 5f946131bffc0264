namespace Gyre.Kube;

/// <summary>The request did not get an HTTP answer: connection refused or reset, TLS failure, or timeout.</summary>
public sealed class KubeTransportException : KubeException
{
    /// <summary>Creates the exception; <paramref name="server"/> must already have credentials redacted.</summary>
    public KubeTransportException(KubeRequestTarget target, string server, string why, bool isTransient, Exception? innerException = null)
        : base($"{target}: request to {server} failed: {why}", innerException)
    {
        Target = target;
        Server = server;
        _isTransient = isTransient;
    }

    private readonly bool _isTransient;

    /// <summary>The request that failed.</summary>
    public KubeRequestTarget Target { get; }

    /// <summary>The server address (credentials redacted).</summary>
    public string Server { get; }

    /// <inheritdoc />
    public override bool IsTransient => _isTransient;
}
