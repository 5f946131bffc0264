using Gyre.Kube.Transport;

namespace Gyre.Kube.Tests.Transport;

public sealed class RetryPolicyTests
{
    private readonly RetryPolicy _policy = new() { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(2) };

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 200)]
    [InlineData(3, 800)]
    [InlineData(10, 2000)]
    public void Backoff_doubles_per_retry_up_to_the_cap(int retry, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), _policy.DelayFor(retry, null, jitter: 0));
    }

    [Fact]
    public void Jitter_adds_at_most_a_fifth()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(120), _policy.DelayFor(0, null, jitter: 1));
    }

    [Fact]
    public void Retry_After_wins_but_is_capped()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), _policy.DelayFor(5, TimeSpan.FromSeconds(1), jitter: 1));
        Assert.Equal(TimeSpan.FromSeconds(2), _policy.DelayFor(0, TimeSpan.FromMinutes(5), jitter: 0));
    }

    [Theory]
    [InlineData(429, false, false, true)]
    [InlineData(503, true, false, true)]
    [InlineData(503, false, false, false)]
    [InlineData(503, false, true, true)]
    [InlineData(500, true, false, true)]
    [InlineData(409, true, true, false)]
    [InlineData(404, true, false, false)]
    public void Which_statuses_are_retried(int status, bool idempotent, bool retryAfter, bool expected)
    {
        Assert.Equal(expected, RetryPolicy.ShouldRetry(status, idempotent, retryAfter));
    }
}
