using Gyre.Kustomize.Resources;

namespace Gyre.Kustomize.Config;

/// <summary>Where a transformer acts: a slash-separated field path in objects of a group/version/kind (empty matches all).</summary>
internal sealed record FieldSpec(string Group, string Version, string Kind, string Path, bool Create)
{
    /// <summary>Whether an object with this id is one the spec applies to (resid.IsSelected).</summary>
    public bool Selects(ResId id) =>
        (Group.Length == 0 || Group == id.Group) && (Version.Length == 0 || Version == id.Version)
        && (Kind.Length == 0 || Kind == id.Kind);
}
