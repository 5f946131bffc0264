using Gyre.Kube.Tests.Support;
using Gyre.Kube.Transport;

namespace Gyre.Kube.Tests.Transport;

public sealed class ClientRateLimiterTests
{
    [Fact]
    public void A_burst_passes_at_once_then_requests_are_spaced_at_the_QPS()
    {
        var clock = new ManualTimeProvider();
        var limiter = new ClientRateLimiter(qps: 2, burst: 3, clock);

        var waits = Enumerable.Range(0, 5).Select(_ => limiter.Reserve()).ToList();

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)], waits);
    }

    [Fact]
    public void Tokens_refill_with_time_up_to_the_burst()
    {
        var clock = new ManualTimeProvider();
        var limiter = new ClientRateLimiter(qps: 10, burst: 2, clock);
        limiter.Reserve();
        limiter.Reserve();

        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.Zero, limiter.Reserve());
        Assert.Equal(TimeSpan.Zero, limiter.Reserve());
        Assert.Equal(TimeSpan.FromSeconds(0.1), limiter.Reserve());
    }

    [Fact]
    public async Task Waiting_callers_are_released_as_the_clock_advances()
    {
        var clock = new ManualTimeProvider();
        var limiter = new ClientRateLimiter(qps: 1, burst: 1, clock);
        await limiter.WaitAsync(TestTimeout.Token);

        var second = limiter.WaitAsync(TestTimeout.Token).AsTask();
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await second.WaitAsync(TestTimeout.Token);
    }

    [Fact]
    public void Zero_QPS_disables_the_limiter()
    {
        var limiter = new ClientRateLimiter(qps: 0, burst: 1, new ManualTimeProvider());

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(TimeSpan.Zero, limiter.Reserve()));
    }
}
