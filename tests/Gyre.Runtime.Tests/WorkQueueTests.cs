using Gyre.Runtime.Queue;

namespace Gyre.Runtime.Tests;

public sealed class WorkQueueTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_item_added_twice_is_queued_once()
    {
        using var queue = new WorkQueue<string>(TimeProvider.System, BackoffPolicy.Flux);
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");
        Assert.Equal(2, queue.Length);
        Assert.Equal("a", await queue.GetAsync(CancellationToken.None));
        Assert.Equal("b", await queue.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_item_added_while_in_flight_comes_back_after_done_and_not_before()
    {
        using var queue = new WorkQueue<string>(TimeProvider.System, BackoffPolicy.Flux);
        queue.Add("a");
        var item = await queue.GetAsync(CancellationToken.None);
        queue.Add("a");
        Assert.Equal(0, queue.Length);
        queue.Done(item!);
        Assert.Equal(1, queue.Length);
        Assert.Equal("a", await queue.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Delayed_adds_wait_for_the_clock_and_keep_the_earliest_due_time()
    {
        var clock = new ManualTimeProvider();
        using var queue = new WorkQueue<string>(clock, BackoffPolicy.Flux);
        queue.AddAfter("a", TimeSpan.FromMinutes(5));
        queue.AddAfter("a", TimeSpan.FromMinutes(1));
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, queue.Length);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("a", await queue.GetAsync(new CancellationTokenSource(Deadline).Token));
        queue.Done("a");
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, queue.Length);
    }

    [Fact]
    public void Failures_back_off_exponentially_until_forgotten()
    {
        using var queue = new WorkQueue<string>(new ManualTimeProvider(), new BackoffPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(1), queue.AddRateLimited("a"));
        Assert.Equal(TimeSpan.FromSeconds(2), queue.AddRateLimited("a"));
        Assert.Equal(TimeSpan.FromSeconds(4), queue.AddRateLimited("a"));
        Assert.Equal(TimeSpan.FromSeconds(8), queue.AddRateLimited("a"));
        Assert.Equal(TimeSpan.FromSeconds(10), queue.AddRateLimited("a"));
        queue.Forget("a");
        Assert.Equal(TimeSpan.FromSeconds(1), queue.AddRateLimited("a"));
    }

    [Fact]
    public async Task Shutting_down_releases_waiting_workers()
    {
        using var queue = new WorkQueue<string>(TimeProvider.System, BackoffPolicy.Flux);
        var waiting = queue.GetAsync(CancellationToken.None);
        queue.ShutDown();
        Assert.Null(await waiting.WaitAsync(Deadline));
    }

    [Fact]
    public void Jitter_stays_within_the_fraction()
    {
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var jittered = Jitter.Apply(TimeSpan.FromMinutes(10), 0.05, random);
            Assert.InRange(jittered, TimeSpan.FromMinutes(9.5), TimeSpan.FromMinutes(10.5));
        }
    }
}
