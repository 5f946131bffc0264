using System.Diagnostics;
using Gyre.Runtime.Metrics;
using Gyre.Runtime.Queue;
using Microsoft.Extensions.Logging;

namespace Gyre.Runtime.Reconcile;

/// <summary>
/// Runs one reconciler over a work queue with controller-runtime's rules, enforced here and nowhere else: Done forgets
/// the item's failures; a requeue interval comes back jittered; a terminal failure is not retried; any other
/// exception backs off exponentially per object.
/// </summary>
public sealed class Controller : IDisposable
{
    private readonly IReconciler _reconciler;
    private readonly ControllerOptions _options;
    private readonly ReconcileMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Random _random = new();

    public Controller(IReconciler reconciler, ControllerOptions options, ReconcileMetrics metrics, ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _reconciler = reconciler;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        Queue = new WorkQueue<ReconcileRequest>(time, options.Backoff);
    }

    /// <summary>Watches and dependency triggers add requests here.</summary>
    public WorkQueue<ReconcileRequest> Queue { get; }

    /// <summary>Runs the workers until cancelled; in-flight reconciles get the cancellation and are abandoned cleanly.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var workers = Enumerable.Range(0, Math.Max(1, _options.Workers)).Select(_ => WorkAsync(cancellationToken)).ToArray();
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        finally
        {
            Queue.ShutDown();
        }
    }

    public void Dispose() => Queue.Dispose();

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            ReconcileRequest request;
            try
            {
                var next = await Queue.GetAsync(cancellationToken).ConfigureAwait(false);
                if (next == default)
                {
                    return;
                }

                request = next;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await ReconcileOnceAsync(request, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Queue.Done(request);
                _metrics.QueueDepth.Set(Queue.Length, _options.Name);
            }
        }
    }

    private async Task ReconcileOnceAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await _reconciler.ReconcileAsync(request, cancellationToken).ConfigureAwait(false);
            Queue.Forget(request);
            if (result.RequeueAfter is { } after)
            {
                Queue.AddAfter(request, Jitter.Apply(after, _options.IntervalJitter, _random));
                _metrics.Total.Add(1, _options.Name, "requeue_after");
            }
            else
            {
                _metrics.Total.Add(1, _options.Name, "success");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the object is reconciled again by whoever runs next.
            return;
        }
        catch (TerminalReconcileException ex)
        {
            Queue.Forget(request);
            _metrics.Total.Add(1, _options.Name, "error");
            _metrics.Errors.Add(1, _options.Name);
            _logger.LogError("{Kind} {Request} stalled ({Reason}): {Message}", _options.Kind, request, ex.Reason, ex.Message);
        }
#pragma warning disable CA1031 // the work queue's contract: any other failure is retried with backoff, never lost
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var delay = Queue.AddRateLimited(request);
            _metrics.Total.Add(1, _options.Name, "error");
            _metrics.Errors.Add(1, _options.Name);
            _logger.LogWarning("{Kind} {Request} failed, retrying in {Delay}: {Message}", _options.Kind, request, delay, ex.Message);
        }
        finally
        {
            _metrics.Duration.Observe(clock.Elapsed.TotalSeconds, _options.Kind, request.Name, request.Namespace);
        }
    }
}
