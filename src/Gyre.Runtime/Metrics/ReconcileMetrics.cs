namespace Gyre.Runtime.Metrics;

/// <summary>
/// The metrics Flux users' dashboards read: gotk_reconcile_duration_seconds per object, and controller-runtime's
/// reconcile and error counters per controller.
/// </summary>
public sealed class ReconcileMetrics
{
    public ReconcileMetrics(MetricsRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Duration = registry.Histogram(
            "gotk_reconcile_duration_seconds",
            "The duration in seconds of a GitOps Toolkit resource reconciliation.",
            [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
            "kind",
            "name",
            "namespace");
        Total = registry.Counter("controller_runtime_reconcile_total", "Total number of reconciliations per controller", "controller", "result");
        Errors = registry.Counter("controller_runtime_reconcile_errors_total", "Total number of reconciliation errors per controller", "controller");
        Applied = registry.Counter("gyre_applied_objects_total", "Objects created, configured or deleted by reconciliations", "kind", "action");
        QueueDepth = registry.Gauge("workqueue_depth", "Current depth of the work queue", "name");
    }

    public Metric Duration { get; }

    public Metric Total { get; }

    public Metric Errors { get; }

    public Metric Applied { get; }

    public Metric QueueDepth { get; }
}
