namespace Gyre.Runtime.Reconcile;

/// <summary>A failure retrying cannot fix (invalid spec, a dependency cycle): the object is marked Stalled and not requeued.</summary>
public sealed class TerminalReconcileException : Exception
{
    public TerminalReconcileException(string reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>The condition reason to report (e.g. "DependencyCycle", "InvalidSpec").</summary>
    public string Reason { get; }
}
