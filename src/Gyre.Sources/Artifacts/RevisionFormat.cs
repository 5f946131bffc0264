namespace Gyre.Sources.Artifacts;

/// <summary>
/// Flux's revision strings (source-controller v1, fluxcd/pkg git Commit.String and oci): <c>main@sha1:&lt;hex&gt;</c>,
/// <c>v1.2.3@sha1:&lt;hex&gt;</c>, <c>refs/pull/1/head@sha1:&lt;hex&gt;</c>, <c>sha1:&lt;hex&gt;</c>,
/// <c>latest@sha256:&lt;hex&gt;</c>, <c>sha256:&lt;hex&gt;</c>.
/// </summary>
public static class RevisionFormat
{
    /// <summary>A Git revision: the short ref name (or full ref for ref.name) and the commit hash.</summary>
    public static string Git(string? refName, string commit)
    {
        ArgumentException.ThrowIfNullOrEmpty(commit);
        // SHA-256 object-format repositories have 64-hex ids; go-git and Flux tag them sha256.
        var algo = commit.Length == 64 ? "sha256" : "sha1";
        return string.IsNullOrEmpty(refName) ? $"{algo}:{commit}" : $"{refName}@{algo}:{commit}";
    }

    /// <summary>An OCI revision: <c>tag@sha256:hex</c>, or just the digest when pulled by digest.</summary>
    public static string Oci(string? tag, string manifestDigest)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifestDigest);
        return string.IsNullOrEmpty(tag) ? manifestDigest : $"{tag}@{manifestDigest}";
    }

    /// <summary>The digest part of a revision (<c>sha1:…</c> or <c>sha256:…</c>), or the whole string when it has none.</summary>
    public static string DigestOf(string revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        var at = revision.LastIndexOf('@');
        return at < 0 ? revision : revision[(at + 1)..];
    }

    /// <summary>
    /// Whether two revisions name the same content. Accepts the legacy <c>main/&lt;sha&gt;</c> form as Flux consumers do.
    /// </summary>
    public static bool SameContent(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return false;
        }

        return string.Equals(HexOf(a), HexOf(b), StringComparison.Ordinal);
    }

    private static string HexOf(string revision)
    {
        var digest = DigestOf(revision);
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            return digest[(colon + 1)..];
        }

        var slash = digest.LastIndexOf('/');
        return slash >= 0 ? digest[(slash + 1)..] : digest;
    }
}
