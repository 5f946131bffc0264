namespace Gyre.Kube.Auth;

/// <summary>
/// A bearer token read from a file and re-read at most once a minute, so projected service-account tokens that
/// the kubelet rotates are picked up (client-go <c>transport.NewCachedFileTokenSource</c>).
/// </summary>
internal sealed class TokenFileSource(string path, TimeProvider timeProvider) : IDisposable
{
    private static readonly TimeSpan RefreshPeriod = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _readAt;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = timeProvider.GetUtcNow();
            if (_token is null || now - _readAt >= RefreshPeriod)
            {
                try
                {
                    _token = (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim();
                    _readAt = now;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Keep serving the last good token if the file is briefly unavailable during rotation.
                    if (_token is null)
                    {
                        throw new KubeConfigException(path, "tokenFile", $"cannot read the token file: {e.Message}", e);
                    }
                }
            }

            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forces a re-read on the next request (after a 401).</summary>
    public void Invalidate() => _token = null;

    public void Dispose() => _gate.Dispose();
}
