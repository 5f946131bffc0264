namespace Gyre.Api.Kustomize;

/// <summary>spec.postBuild.</summary>
public sealed record PostBuildSpec(IReadOnlyDictionary<string, string> Substitute, IReadOnlyList<SubstituteReference> SubstituteFrom)
{
    /// <summary>substituteStrategy Always: substitute even when no variable is defined (for ${x:=default}).</summary>
    public bool Always { get; init; }
}
