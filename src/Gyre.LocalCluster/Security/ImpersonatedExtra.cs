using Microsoft.AspNetCore.Http;

namespace Gyre.LocalCluster.Security;

/// <summary>
/// Impersonate-Uid and Impersonate-Extra-&lt;key&gt; as kube-apiserver's impersonation filter reads them: the key is
/// lower-cased and percent-unescaped, each header line is one value, and each value needs its own `impersonate`
/// permission (authentication.k8s.io uids, userextras/&lt;key&gt;).
/// </summary>
internal static class ImpersonatedExtra
{
    private const string Prefix = "Impersonate-Extra-";

    public static Dictionary<string, IReadOnlyList<string>> Read(IHeaderDictionary headers)
    {
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in headers)
        {
            if (name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && name.Length > Prefix.Length)
            {
                var key = Uri.UnescapeDataString(name[Prefix.Length..].ToLowerInvariant());
                extra[key] = [.. (extra.TryGetValue(key, out var existing) ? existing : []).Concat(values.Where(v => v is not null).Select(v => v!))];
            }
        }

        return extra;
    }

    public static IEnumerable<ResourceAttributes> Checks(string uid, IReadOnlyDictionary<string, IReadOnlyList<string>> extra)
    {
        if (uid.Length > 0)
        {
            yield return new ResourceAttributes("impersonate", "authentication.k8s.io", "uids", string.Empty, string.Empty, uid);
        }

        foreach (var (key, values) in extra)
        {
            foreach (var value in values)
            {
                yield return new ResourceAttributes("impersonate", "authentication.k8s.io", "userextras", key, string.Empty, value);
            }
        }
    }
}
