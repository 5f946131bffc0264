namespace Gyre.Sources.Git;

/// <summary>
/// Where a GitReference points on the remote: the full ref to fetch (null for a bare commit), the name used in the
/// revision string, and the commit (null when only a fetch can tell).
/// </summary>
internal sealed record ResolvedRef(string? FetchRef, string? RevisionName, string? Commit)
{
    public string Revision => Artifacts.RevisionFormat.Git(RevisionName, Commit ?? throw new InvalidOperationException("commit not resolved"));
}
