namespace Gyre.Kube.Transport;

/// <summary>
/// A token bucket: <c>qps</c> tokens a second, holding at most <c>burst</c> (client-go <c>flowcontrol.NewTokenBucketRateLimiter</c>).
/// Waiters reserve tokens in arrival order, so a burst of callers is spread evenly rather than racing.
/// </summary>
internal sealed class ClientRateLimiter
{
    private readonly double _qps;
    private readonly double _burst;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private double _tokens;
    private long _last;

    public ClientRateLimiter(double qps, int burst, TimeProvider timeProvider)
    {
        _qps = qps;
        _burst = Math.Max(1, burst);
        _timeProvider = timeProvider;
        _tokens = _burst;
        _last = timeProvider.GetTimestamp();
    }

    /// <summary>Waits until a request may be sent; returns at once when QPS is not positive (no limit).</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes a token (possibly going into debt) and returns how long the caller must wait for it.</summary>
    internal TimeSpan Reserve()
    {
        if (_qps <= 0)
        {
            return TimeSpan.Zero;
        }

        lock (_lock)
        {
            var now = _timeProvider.GetTimestamp();
            var elapsed = _timeProvider.GetElapsedTime(_last, now).TotalSeconds;
            _last = now;
            _tokens = Math.Min(_burst, _tokens + (elapsed * _qps));
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _qps);
        }
    }
}
