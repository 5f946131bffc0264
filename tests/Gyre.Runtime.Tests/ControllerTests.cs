using System.Collections.Concurrent;
using Gyre.Runtime.Metrics;
using Gyre.Runtime.Queue;
using Gyre.Runtime.Reconcile;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gyre.Runtime.Tests;

public sealed class ControllerTests
{
    private sealed class ScriptedReconciler(Func<ReconcileRequest, int, ReconcileResult> script) : IReconciler
    {
        private readonly ConcurrentDictionary<ReconcileRequest, int> _calls = new();
        private int _inFlight;

        public int MaxConcurrentForOneObject { get; private set; }

        public int Calls(ReconcileRequest r) => _calls.GetValueOrDefault(r);

        public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
        {
            var n = _calls.AddOrUpdate(request, 1, (_, c) => c + 1);
            var inFlight = Interlocked.Increment(ref _inFlight);
            MaxConcurrentForOneObject = Math.Max(MaxConcurrentForOneObject, inFlight);
            await Task.Yield();
            Interlocked.Decrement(ref _inFlight);
            return script(request, n);
        }
    }

    private static (Controller Controller, MetricsRegistry Registry) Create(IReconciler reconciler, TimeProvider clock, int workers = 2)
    {
        var registry = new MetricsRegistry();
        var options = new ControllerOptions { Kind = "Kustomization", Name = "kustomize-controller", Workers = workers, Backoff = new BackoffPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)), IntervalJitter = 0 };
        return (new Controller(reconciler, options, new ReconcileMetrics(registry), NullLogger.Instance, clock), registry);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 10s");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task A_requeue_interval_brings_the_object_back_when_the_clock_reaches_it()
    {
        var clock = new ManualTimeProvider();
        var request = new ReconcileRequest("flux-system", "apps");
        var reconciler = new ScriptedReconciler((_, _) => ReconcileResult.Requeue(TimeSpan.FromMinutes(10)));
        var (controller, registry) = Create(reconciler, clock);
        using var stop = new CancellationTokenSource();
        var running = controller.RunAsync(stop.Token);
        controller.Queue.Add(request);
        await Eventually(() => reconciler.Calls(request) == 1 && clock.PendingTimers == 1);
        clock.Advance(TimeSpan.FromMinutes(9));
        await Task.Delay(50);
        Assert.Equal(1, reconciler.Calls(request));
        clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually(() => reconciler.Calls(request) == 2);
        await stop.CancelAsync();
        await running;
        Assert.Contains("gotk_reconcile_duration_seconds_count{kind=\"Kustomization\",name=\"apps\",namespace=\"flux-system\"} 2", registry.Render(), StringComparison.Ordinal);
        controller.Dispose();
    }

    [Fact]
    public async Task A_failure_retries_with_backoff_and_a_terminal_failure_does_not()
    {
        var clock = new ManualTimeProvider();
        var flaky = new ReconcileRequest("ns", "flaky");
        var broken = new ReconcileRequest("ns", "broken");
        var reconciler = new ScriptedReconciler((r, n) => r == broken
            ? throw new TerminalReconcileException("InvalidSpec", "spec.path is absolute")
            : n < 3 ? throw new InvalidOperationException("transient") : ReconcileResult.Done);
        var (controller, registry) = Create(reconciler, clock);
        using var stop = new CancellationTokenSource();
        var running = controller.RunAsync(stop.Token);
        controller.Queue.Add(flaky);
        controller.Queue.Add(broken);
        await Eventually(() => reconciler.Calls(flaky) == 1 && reconciler.Calls(broken) == 1 && clock.PendingTimers == 1);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually(() => reconciler.Calls(flaky) == 2 && clock.PendingTimers == 1);
        clock.Advance(TimeSpan.FromSeconds(2));
        // The third attempt succeeds; wait until the controller has finished it (and forgotten the failures).
        await Eventually(() => reconciler.Calls(flaky) == 3 && controller.Queue.Failures(flaky) == 0);
        clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(50);
        Assert.Equal(3, reconciler.Calls(flaky));
        Assert.Equal(1, reconciler.Calls(broken));
        Assert.Equal(0, controller.Queue.Failures(flaky));
        await stop.CancelAsync();
        await running;
        Assert.Equal(3, registry.Counter("controller_runtime_reconcile_errors_total", "Total number of reconciliation errors per controller", "controller").Value("kustomize-controller"));
        controller.Dispose();
    }

    [Fact]
    public async Task One_object_is_never_reconciled_by_two_workers_at_once()
    {
        var request = new ReconcileRequest("ns", "one");
        var reconciler = new ScriptedReconciler((_, _) => ReconcileResult.Done);
        var (controller, _) = Create(reconciler, TimeProvider.System, workers: 4);
        using var stop = new CancellationTokenSource();
        var running = controller.RunAsync(stop.Token);
        for (var i = 0; i < 200; i++)
        {
            controller.Queue.Add(request);
            await Task.Yield();
        }

        await Eventually(() => controller.Queue.Length == 0);
        await stop.CancelAsync();
        await running;
        Assert.Equal(1, reconciler.MaxConcurrentForOneObject);
        controller.Dispose();
    }
}
