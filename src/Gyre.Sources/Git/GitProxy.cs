using System.Text;

namespace Gyre.Sources.Git;

/// <summary>spec.proxySecretRef: <c>address</c> (http, https or socks5 URL), optional <c>username</c> and <c>password</c>.</summary>
public sealed record GitProxy(string Address, string? Username, string? Password)
{
    /// <summary>Reads the Secret's data (already base64-decoded).</summary>
    public static GitProxy FromSecret(IReadOnlyDictionary<string, byte[]> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        string? Text(string key) => data.TryGetValue(key, out var v) ? Encoding.UTF8.GetString(v) : null;
        var address = Text("address") ?? throw new SourceException("proxySecretRef", "reading the proxy Secret", "it has no 'address' key",
            SourceReasons.AuthenticationFailed);
        return new GitProxy(address, Text("username"), Text("password"));
    }

    /// <summary>The proxy URL git's <c>http.proxy</c> takes, with the credentials as user-info (passed by environment only).</summary>
    internal string ConfigValue(string location)
    {
        if (!Uri.TryCreate(Address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "socks5") || uri.UserInfo.Length > 0)
        {
            throw new SourceException(location, "invalid proxy address", "it must be an http://, https:// or socks5:// URL without credentials",
                SourceReasons.UrlInvalid);
        }

        if (string.IsNullOrEmpty(Username))
        {
            return uri.GetLeftPart(UriPartial.Authority);
        }

        var userInfo = Uri.EscapeDataString(Username) + ":" + Uri.EscapeDataString(Password ?? "");
        return $"{uri.Scheme}://{userInfo}@{uri.Authority}";
    }

    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"GitProxy {{ Address = {Address}, Username = {Username}, Password = *** }}";
}
