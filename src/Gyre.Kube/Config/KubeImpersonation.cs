namespace Gyre.Kube.Config;

/// <summary>
/// Act as another user, as client-go does: <c>Impersonate-User</c>, one <c>Impersonate-Group</c> header line per
/// group, <c>Impersonate-Uid</c>, and one <c>Impersonate-Extra-&lt;key&gt;</c> line per value (the key
/// percent-encoded where a header name cannot hold it). A controller uses it to act as a tenant's service account
/// (<c>system:serviceaccount:&lt;ns&gt;:&lt;name&gt;</c>).
/// </summary>
/// <param name="UserName">The user to impersonate.</param>
/// <param name="Groups">The groups to impersonate.</param>
public sealed record KubeImpersonation(string UserName, IReadOnlyList<string> Groups)
{
    /// <summary>The UID to impersonate (<c>as-uid</c>), if any.</summary>
    public string? Uid { get; init; }

    /// <summary>Extra user attributes to impersonate (<c>as-user-extra</c>): key to values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Extra { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// Impersonates a service account. No groups are sent: the API server adds <c>system:serviceaccounts</c> and
    /// <c>system:serviceaccounts:&lt;ns&gt;</c> itself when a service account is impersonated without groups
    /// (apiserver <c>filters/impersonation.go</c>).
    /// </summary>
    public static KubeImpersonation ServiceAccount(string ns, string name) => new($"system:serviceaccount:{ns}:{name}", []);

    /// <summary>True when some header must be sent on several lines (two or more groups, or an extra with two or more values).</summary>
    internal bool NeedsRepeatedHeaders => Groups.Count > 1 || Extra.Values.Any(v => v.Count > 1);

    /// <summary>The headers to send, name and values, in client-go's order.</summary>
    internal IEnumerable<(string Name, IReadOnlyList<string> Values)> Headers()
    {
        yield return ("Impersonate-User", [UserName]);
        if (Groups.Count > 0)
        {
            yield return ("Impersonate-Group", Groups);
        }

        if (!string.IsNullOrEmpty(Uid))
        {
            yield return ("Impersonate-Uid", [Uid]);
        }

        foreach (var (key, values) in Extra.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            yield return ("Impersonate-Extra-" + EscapeKey(key), values);
        }
    }

    /// <summary>client-go's <c>headerKeyEscape</c>: bytes that are not legal in a header name, and '%', become %XX.</summary>
    internal static string EscapeKey(string key)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(key))
        {
            var legal = b < 0x80 && (char.IsAsciiLetterOrDigit((char)b) || "!#$&'*+-.^_`|~".Contains((char)b, StringComparison.Ordinal));
            builder.Append(legal ? ((char)b).ToString() : $"%{b:X2}");
        }

        return builder.ToString();
    }
}
