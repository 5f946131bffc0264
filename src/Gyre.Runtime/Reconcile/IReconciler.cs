namespace Gyre.Runtime.Reconcile;

/// <summary>
/// The reconcile contract (controller-runtime's): re-read the object named by the request and drive the world toward
/// it. Return <see cref="ReconcileResult.Done"/> or a requeue interval; throw <see cref="TerminalReconcileException"/>
/// for what retrying cannot fix (no retry); any other exception means retry with per-object exponential backoff.
/// </summary>
public interface IReconciler
{
    Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken);
}
