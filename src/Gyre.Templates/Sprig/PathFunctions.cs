using Gyre.Templates.Functions;
using static Gyre.Templates.Sprig.SprigFunctions;

namespace Gyre.Templates.Sprig;

/// <summary>Go's path package (base, dir, clean, ext, isAbs) and filepath on Linux (the os* variants), plus urlParse/urlJoin.</summary>
internal static class PathFunctions
{
    public static void Register(Dictionary<string, TemplateFunction> m)
    {
        m["base"] = m["osBase"] = F(a => Base(S(a[0])), ArgType.String);
        m["dir"] = m["osDir"] = F(a => Dir(S(a[0])), ArgType.String);
        m["clean"] = m["osClean"] = F(a => Clean(S(a[0])), ArgType.String);
        m["ext"] = m["osExt"] = F(a => Ext(S(a[0])), ArgType.String);
        m["isAbs"] = m["osIsAbs"] = F(a => S(a[0]).StartsWith('/'), ArgType.String);
    }

    public static string Base(string p)
    {
        if (p.Length == 0)
        {
            return ".";
        }
        p = p.TrimEnd('/');
        if (p.Length == 0)
        {
            return "/";
        }
        var i = p.LastIndexOf('/');
        return i >= 0 ? p[(i + 1)..] : p;
    }

    public static string Dir(string p)
    {
        var i = p.LastIndexOf('/');
        return Clean(p[..(i + 1)]);
    }

    public static string Ext(string p)
    {
        for (var i = p.Length - 1; i >= 0 && p[i] != '/'; i--)
        {
            if (p[i] == '.')
            {
                return p[i..];
            }
        }
        return "";
    }

    public static string Clean(string p)
    {
        if (p.Length == 0)
        {
            return ".";
        }
        var rooted = p[0] == '/';
        var parts = new List<string>();
        foreach (var part in p.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else if (!rooted)
                {
                    parts.Add("..");
                }
                continue;
            }
            parts.Add(part);
        }
        var result = (rooted ? "/" : "") + string.Join('/', parts);
        return result.Length == 0 ? "." : result;
    }
}
