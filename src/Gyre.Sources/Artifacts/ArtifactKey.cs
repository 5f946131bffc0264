namespace Gyre.Sources.Artifacts;

/// <summary>Identifies the object an artifact belongs to; its directory in the store is <c>kind/namespace/name</c>.</summary>
public sealed record ArtifactKey(string Kind, string Namespace, string Name)
{
    /// <summary>The store directory, relative, with the kind in lower case as Flux's storage does.</summary>
    public string Directory => $"{Kind.ToLowerInvariant()}/{Namespace}/{Name}";

    /// <summary>Throws when a part could escape the store or is not a Kubernetes name.</summary>
    public void Validate()
    {
        foreach (var (field, value) in new[] { ("kind", Kind), ("namespace", Namespace), ("name", Name) })
        {
            if (string.IsNullOrEmpty(value) || value.Contains('/', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal)
                || value is "." or ".." || value.Contains('\0', StringComparison.Ordinal))
            {
                throw new SourceException($"{Kind}/{Namespace}/{Name}", "invalid artifact key", $"{field} '{value}' is not a valid name", SourceReasons.InvalidPath);
            }
        }
    }
}
