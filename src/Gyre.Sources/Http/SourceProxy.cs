using System.Net;
using Gyre.Sources.Git;

namespace Gyre.Sources.Http;

/// <summary>
/// spec.proxySecretRef for the HTTP sources (OCIRepository, HelmRepository): the same Secret keys as GitRepository's
/// (<c>address</c>, optional <c>username</c> and <c>password</c>), as a proxy for <see cref="SourceHttpClient"/>.
/// </summary>
public static class SourceProxy
{
    /// <summary>Reads the Secret's data (already base64-decoded); the address must be http, https or socks5 without user-info.</summary>
    public static IWebProxy FromSecret(IReadOnlyDictionary<string, byte[]> data, string location)
    {
        var settings = GitProxy.FromSecret(data);
        if (!Uri.TryCreate(settings.Address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "socks5") || uri.UserInfo.Length > 0)
        {
            throw new SourceException(location, "invalid proxy address", "it must be an http://, https:// or socks5:// URL without credentials",
                SourceReasons.UrlInvalid);
        }

        return new WebProxy(uri)
        {
            BypassProxyOnLocal = false,
            Credentials = string.IsNullOrEmpty(settings.Username) ? null : new NetworkCredential(settings.Username, settings.Password ?? ""),
        };
    }
}
