namespace Gyre.Notifications.Providers.CommitStatus;

/// <summary>A Git repository's web address split into host, owner path and repository (https://host/owner/repo[.git]).</summary>
internal sealed record RepositoryAddress(string Scheme, string Authority, string Host, string Owner, string Repository)
{
    /// <summary>"https://127.0.0.1:8080": scheme and authority.</summary>
    public string Origin => $"{Scheme}://{Authority}";

    public static RepositoryAddress Parse(ProviderSettings settings)
    {
        var address = settings.RequireAddress();
        if (address.StartsWith("git@", StringComparison.Ordinal) && address.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
        {
            // scp-like git@host:owner/repo: the web API lives on https.
            address = "https://" + address[4..colon] + "/" + address[(colon + 1)..];
        }

        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "ssh"))
        {
            throw new NotificationException(settings.Where, $"address '{address}' is not a repository URL like https://host/owner/repo");
        }

        var path = uri.AbsolutePath.Trim('/');
        if (path.EndsWith(".git", StringComparison.Ordinal))
        {
            path = path[..^4];
        }

        var slash = path.LastIndexOf('/');
        if (slash <= 0)
        {
            throw new NotificationException(settings.Where, $"address '{address}' must name an owner and a repository");
        }

        var scheme = uri.Scheme == "ssh" ? "https" : uri.Scheme;
        var authority = uri.Scheme == "ssh" ? uri.Host : uri.Authority;
        return new RepositoryAddress(scheme, authority, uri.Host, path[..slash], path[(slash + 1)..]);
    }
}
