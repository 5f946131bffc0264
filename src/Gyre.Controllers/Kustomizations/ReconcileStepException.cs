namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// A Kustomization reconcile step failed in a way the user can act on: <see cref="Reason"/> is the Ready reason Flux
/// reports (ArtifactFailed, BuildFailed, ReconciliationFailed, HealthCheckFailed, PruneFailed...), the message names
/// the object or file.
/// </summary>
internal sealed class ReconcileStepException(string reason, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Reason { get; } = reason;
}
