namespace Gyre.Sources.Oci;

/// <summary>
/// An <c>oci://host[:port]/repository[:tag|@digest]</c> address, split into the registry host, the repository path
/// and the optional tag or digest.
/// </summary>
public sealed record OciReference(string Registry, string Repository, string? Tag, string? Digest)
{
    /// <summary>The address without credentials, for messages.</summary>
    public override string ToString() =>
        $"oci://{Registry}/{Repository}" + (Digest is not null ? "@" + Digest : Tag is not null ? ":" + Tag : "");

    /// <summary>Parses an oci:// URL; <paramref name="allowTagOrDigest"/> false for OCIRepository's spec.url.</summary>
    public static OciReference Parse(string url, bool allowTagOrDigest)
    {
        ArgumentNullException.ThrowIfNull(url);
        var location = UrlRedactor.Redact(url);
        if (!url.StartsWith("oci://", StringComparison.Ordinal))
        {
            throw Invalid(location, "it must start with oci://");
        }

        var rest = url["oci://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == rest.Length - 1)
        {
            throw Invalid(location, "it must name a registry and a repository, e.g. oci://ghcr.io/org/app");
        }

        var registry = rest[..slash];
        if (registry.Contains('@', StringComparison.Ordinal))
        {
            throw Invalid(location, "credentials in the URL are not supported; use a docker-registry Secret");
        }

        var path = rest[(slash + 1)..];
        string? digest = null;
        string? tag = null;
        var at = path.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = path[(at + 1)..];
            path = path[..at];
        }

        var colon = path.LastIndexOf(':');
        if (colon > path.LastIndexOf('/'))
        {
            tag = path[(colon + 1)..];
            path = path[..colon];
        }

        if ((tag is not null || digest is not null) && !allowTagOrDigest)
        {
            throw Invalid(location, "spec.url must not contain a tag or digest; use spec.ref");
        }

        if (path.Length == 0 || path.Any(ch => !(char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || "._-/".Contains(ch, StringComparison.Ordinal))))
        {
            throw Invalid(location, "the repository path must be lower-case letters, digits and . _ - /");
        }

        return new OciReference(registry, path, tag, digest);
    }

    private static SourceException Invalid(string location, string why) => new(location, "invalid OCI URL", why, SourceReasons.UrlInvalid);
}
