namespace Gyre.Notifications.Delivery;

/// <summary>How notifications are delivered: workers, queue bound and the retry schedule (Flux retries 4 times).</summary>
public sealed record DeliveryOptions
{
    public int Workers { get; init; } = 4;

    /// <summary>Deliveries waiting at most; past this the oldest is dropped (and reported) rather than blocking a publisher.</summary>
    public int QueueCapacity { get; init; } = 10_000;

    /// <summary>Retries after the first attempt for transient failures (network, timeout, 429, 5xx).</summary>
    public int MaxRetries { get; init; } = 4;

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The delay before retry number <paramref name="retry"/> (1-based): doubling from the first, capped.</summary>
    public TimeSpan RetryDelay(int retry) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks * (1L << Math.Min(retry - 1, 30))));
}
