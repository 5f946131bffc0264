namespace Gyre.Runtime.Reconcile;

/// <summary>
/// The outcome of a successful reconcile: done until the next event, or requeued after an interval (jittered by the
/// controller, as Flux's JitteredIntervalDuration does).
/// </summary>
public sealed record ReconcileResult(TimeSpan? RequeueAfter)
{
    public static ReconcileResult Done { get; } = new((TimeSpan?)null);

    public static ReconcileResult Requeue(TimeSpan after) => new(after);
}
