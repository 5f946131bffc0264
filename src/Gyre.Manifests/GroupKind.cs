namespace Gyre.Manifests;

/// <summary>A Kubernetes group and kind, without a version.</summary>
public readonly record struct GroupKind(string Group, string Kind)
{
    /// <summary>Formats as Kubernetes does: "Deployment.apps", or "ConfigMap" for the core group.</summary>
    public override string ToString() => Group.Length == 0 ? Kind : Kind + "." + Group;
}
