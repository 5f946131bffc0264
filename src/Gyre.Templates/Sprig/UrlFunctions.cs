using System.Text;
using System.Text.RegularExpressions;
using Gyre.Templates.Functions;
using static Gyre.Templates.Sprig.SprigFunctions;

namespace Gyre.Templates.Sprig;

/// <summary>Sprig's urlParse and urlJoin over Go's net/url model (scheme, opaque, userinfo, host, path, query, fragment).</summary>
internal static partial class UrlFunctions
{
    [GeneratedRegex("^([a-zA-Z][a-zA-Z0-9+.-]*):", RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();

    public static void Register(Dictionary<string, TemplateFunction> m)
    {
        m["urlParse"] = F(a => Parse(S(a[0])), ArgType.String);
        m["urlJoin"] = F(a => Join((Dictionary<string, object?>?)a[0] ?? []), ArgType.Map);
    }

    private static Dictionary<string, object?> Parse(string v)
    {
        var rest = v;
        string fragment = "", query = "", scheme = "", opaque = "", userinfo = "", host = "", path;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            fragment = Uri.UnescapeDataString(rest[(hash + 1)..]);
            rest = rest[..hash];
        }
        var sm = Scheme().Match(rest);
        if (sm.Success)
        {
            scheme = sm.Groups[1].Value.ToLowerInvariant();
            rest = rest[sm.Length..];
        }
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }
        if (scheme.Length > 0 && !rest.StartsWith('/'))
        {
            opaque = rest;
            rest = "";
        }
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var authority = rest[2..];
            var slash = authority.IndexOf('/', StringComparison.Ordinal);
            rest = slash >= 0 ? authority[slash..] : "";
            authority = slash >= 0 ? authority[..slash] : authority;
            var at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                userinfo = authority[..at];
                authority = authority[(at + 1)..];
            }
            host = authority;
        }
        path = Uri.UnescapeDataString(rest);
        var hostname = host.StartsWith('[') ? host[1..Math.Max(1, host.IndexOf(']', StringComparison.Ordinal))] : host.Split(':')[0];
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["scheme"] = scheme, ["host"] = host, ["hostname"] = hostname, ["path"] = path, ["query"] = query,
            ["opaque"] = opaque, ["fragment"] = fragment, ["userinfo"] = userinfo,
        };
    }

    private static string Get(Dictionary<string, object?> d, string key)
    {
        if (!d.TryGetValue(key, out var v))
        {
            return "";
        }
        return v as string ?? throw new TemplateFunctionException("unable to parse " + key + " key, must be of type string, but " + Execution.GoTypes.TypeName(v) + " found");
    }

    private static string Join(Dictionary<string, object?> d)
    {
        var scheme = Get(d, "scheme");
        var host = Get(d, "host");
        var path = Get(d, "path");
        var query = Get(d, "query");
        var opaque = Get(d, "opaque");
        var fragment = Get(d, "fragment");
        var userinfo = Get(d, "userinfo");
        var sb = new StringBuilder();
        if (scheme.Length > 0)
        {
            sb.Append(scheme).Append(':');
        }
        if (opaque.Length > 0)
        {
            sb.Append(opaque);
        }
        else
        {
            if (scheme.Length > 0 || host.Length > 0 || userinfo.Length > 0)
            {
                if (host.Length > 0 || path.Length > 0 || userinfo.Length > 0)
                {
                    sb.Append("//");
                }
                if (userinfo.Length > 0)
                {
                    sb.Append(userinfo).Append('@');
                }
                sb.Append(host);
            }
            if (path.Length > 0 && path[0] != '/' && host.Length > 0)
            {
                sb.Append('/');
            }
            sb.Append(path);
        }
        if (query.Length > 0)
        {
            sb.Append('?').Append(query);
        }
        if (fragment.Length > 0)
        {
            sb.Append('#').Append(fragment);
        }
        return sb.ToString();
    }
}
