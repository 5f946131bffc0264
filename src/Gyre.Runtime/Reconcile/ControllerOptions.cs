using Gyre.Runtime.Queue;

namespace Gyre.Runtime.Reconcile;

/// <summary>How a controller runs its reconciler.</summary>
public sealed record ControllerOptions
{
    /// <summary>The kind reconciled, used in metrics and logs (e.g. "Kustomization").</summary>
    public required string Kind { get; init; }

    /// <summary>The controller's name, as Flux's controllers name themselves (e.g. "kustomize-controller").</summary>
    public required string Name { get; init; }

    /// <summary>Parallel workers; one object is never reconciled by two workers at once.</summary>
    public int Workers { get; init; } = 4;

    public BackoffPolicy Backoff { get; init; } = BackoffPolicy.Flux;

    /// <summary>Fraction of the requeue interval added or removed at random (Flux: 5%).</summary>
    public double IntervalJitter { get; init; } = 0.05;
}
