using Gyre.Notifications.Events;
using Gyre.Notifications.Tests.Support;

namespace Gyre.Notifications.Tests.Events;

public sealed class EventRateLimiterTests
{
    private readonly ManualTime _time = new(TestEvents.Time);

    [Fact]
    public void An_identical_event_within_five_minutes_is_dropped()
    {
        var limiter = new EventRateLimiter(EventRateLimiter.DefaultInterval, _time);

        Assert.True(limiter.Allow(TestEvents.Succeeded()));
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(limiter.Allow(TestEvents.Succeeded()));
    }

    [Fact]
    public void The_same_event_passes_again_once_the_window_has_passed()
    {
        var limiter = new EventRateLimiter(EventRateLimiter.DefaultInterval, _time);

        Assert.True(limiter.Allow(TestEvents.Succeeded()));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(limiter.Allow(TestEvents.Succeeded()));
    }

    [Fact]
    public void A_new_revision_another_object_or_another_message_is_not_held_back()
    {
        var limiter = new EventRateLimiter(EventRateLimiter.DefaultInterval, _time);
        var first = TestEvents.Succeeded();

        Assert.True(limiter.Allow(first));
        Assert.True(limiter.Allow(first with { Metadata = new Dictionary<string, string> { ["kustomize.toolkit.fluxcd.io/revision"] = "main@sha1:abcdef0" } }));
        Assert.True(limiter.Allow(TestEvents.Succeeded(name: "other")));
        Assert.True(limiter.Allow(first with { Message = "Reconciliation finished in 2s, next run in 10m0s" }));
    }

    [Fact]
    public void A_zero_interval_disables_rate_limiting()
    {
        var limiter = new EventRateLimiter(TimeSpan.Zero, _time);

        Assert.True(limiter.Allow(TestEvents.Succeeded()));
        Assert.True(limiter.Allow(TestEvents.Succeeded()));
    }
}
