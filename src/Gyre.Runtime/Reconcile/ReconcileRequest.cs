namespace Gyre.Runtime.Reconcile;

/// <summary>What a controller's queue holds: the namespace and name of an object of the controller's kind.</summary>
public readonly record struct ReconcileRequest(string Namespace, string Name)
{
    public override string ToString() => Namespace.Length == 0 ? Name : Namespace + "/" + Name;
}
