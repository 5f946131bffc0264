namespace Gyre.Api.Kustomize;

/// <summary>spec.dependsOn[]: another Kustomization that must be Ready first (namespace defaults to own).</summary>
public sealed record DependencyReference(string Namespace, string Name)
{
    public override string ToString() => Namespace + "/" + Name;
}
