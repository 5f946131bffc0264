using System.Net;

namespace Gyre.Sources.Buckets;

/// <summary>
/// An Azure Blob endpoint: <c>&lt;account&gt;.blob.core.windows.net</c> (account from the host), or an emulator
/// address whose first path segment is the account (Azurite's <c>http://127.0.0.1:10000/devstoreaccount1</c>).
/// </summary>
internal sealed record AzureEndpoint(string Scheme, string Host, string Account, string PathPrefix)
{
    public static AzureEndpoint Parse(string endpoint, bool insecure)
    {
        var scheme = insecure ? "http" : "https";
        var text = endpoint.Trim().TrimEnd('/');
        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != scheme)
            {
                throw Invalid(endpoint, $"it must be a {scheme}:// address (spec.insecure is {(insecure ? "true" : "false")})");
            }

            text = text[(uri.Scheme.Length + 3)..];
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var host = slash < 0 ? text : text[..slash];
        var path = slash < 0 ? "" : text[(slash + 1)..];
        if (host.Length == 0 || path.Contains('/', StringComparison.Ordinal) || host.Contains('@', StringComparison.Ordinal))
        {
            throw Invalid(endpoint, "it must be https://<account>.blob.core.windows.net, or an emulator address with the account as its only path segment");
        }

        var hostName = host.Split(':')[0];
        var account = path.Length > 0 ? path : IPAddress.TryParse(hostName, out _) || hostName == "localhost" ? "" : hostName.Split('.')[0];
        if (account.Length == 0)
        {
            throw Invalid(endpoint, "no storage account: give it as the host's first label or the first path segment");
        }

        return new AzureEndpoint(scheme, host, account, path.Length > 0 ? "/" + SigV4Signer.EncodePath(path) : "");
    }

    private static SourceException Invalid(string endpoint, string why) => new(endpoint, "invalid spec.endpoint", why, SourceReasons.UrlInvalid);
}
