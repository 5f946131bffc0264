namespace Gyre.Runtime.Queue;

/// <summary>
/// Per-item exponential backoff: base × 2^failures, capped (Flux's --min-retry-delay 750ms and --max-retry-delay 15m).
/// </summary>
public sealed record BackoffPolicy(TimeSpan Base, TimeSpan Max)
{
    public static BackoffPolicy Flux { get; } = new(TimeSpan.FromMilliseconds(750), TimeSpan.FromMinutes(15));

    public TimeSpan DelayFor(int failures)
    {
        var exponent = Math.Min(failures, 30);
        var delay = Base.TotalMilliseconds * Math.Pow(2, exponent);
        return delay >= Max.TotalMilliseconds ? Max : TimeSpan.FromMilliseconds(delay);
    }
}
