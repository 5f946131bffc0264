namespace Gyre.Kube.Transport;

/// <summary>
/// When and how long to wait before retrying a request. Throttling (429) is always retried because the server did
/// not process the request; 5xx and transport errors are retried for idempotent requests, or when the server sent
/// Retry-After (client-go <c>request.go</c> <c>checkWait</c> and <c>IsRetryableRequest</c>).
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Attempts after the first. The default is 5.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The first backoff; doubled per retry. The default is 200 ms.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest backoff and the cap on a server's Retry-After. The default is 30 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>No retries.</summary>
    public static RetryPolicy None { get; } = new() { MaxRetries = 0 };

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (0-based): the server's Retry-After when given,
    /// otherwise exponential backoff with up to 20% jitter so clients that failed together do not retry together.
    /// </summary>
    public TimeSpan DelayFor(int retry, TimeSpan? retryAfter, double jitter)
    {
        if (retryAfter is { } after)
        {
            return after < TimeSpan.Zero ? TimeSpan.Zero : after > MaxBackoff ? MaxBackoff : after;
        }

        var backoff = InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30));
        var capped = Math.Min(backoff, MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (1 + (0.2 * Math.Clamp(jitter, 0, 1))));
    }

    /// <summary>Whether a response with this status may be retried.</summary>
    internal static bool ShouldRetry(int status, bool idempotent, bool hasRetryAfter) =>
        status == 429 || (status is 500 or 502 or 503 or 504 && (idempotent || hasRetryAfter));
}
