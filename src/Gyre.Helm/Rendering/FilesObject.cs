using System.Text;
using System.Text.RegularExpressions;
using Gyre.Helm.Charts;
using Gyre.Templates;
using Gyre.Templates.Functions;
using Gyre.Templates.Helm;

namespace Gyre.Helm.Rendering;

/// <summary>The .Files object (Helm's engine.files): Get, GetBytes, Glob, Lines, AsConfig, AsSecrets over the chart's files.</summary>
internal static class FilesObject
{
    public static GoObject Create(IEnumerable<ChartFile> files) => Create(files.Select(f => KeyValuePair.Create(f.Name, f.Text)));

    private static GoObject Create(IEnumerable<KeyValuePair<string, string>> files)
    {
        var o = new GoObject();
        foreach (var (name, text) in files)
        {
            o[name] = text;
        }
        o.Methods["Get"] = TemplateFunction.Of(a => o.TryGetValue((string)a[0]!, out var v) ? v : "", ArgType.String);
        o.Methods["GetBytes"] = o.Methods["Get"];
        o.Methods["Glob"] = TemplateFunction.Of(a => Glob(o, (string)a[0]!), ArgType.String);
        o.Methods["Lines"] = TemplateFunction.Of(a => Lines(o, (string)a[0]!), ArgType.String);
        o.Methods["AsConfig"] = TemplateFunction.Of(_ => AsMap(o, s => s));
        o.Methods["AsSecrets"] = TemplateFunction.Of(_ => AsMap(o, s => Convert.ToBase64String(Encoding.UTF8.GetBytes(s))));
        return o;
    }

    private static GoObject Glob(GoObject files, string pattern)
    {
        Regex re;
        try
        {
            re = new Regex("^" + GlobPattern.ToRegex(pattern) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            re = new Regex(".*", RegexOptions.CultureInvariant); // Helm falls back to "**" for a bad pattern.
        }
        return Create(files.Where(kv => re.IsMatch(kv.Key)).Select(kv => KeyValuePair.Create(kv.Key, (string)kv.Value!)).ToList());
    }

    private static List<object?> Lines(GoObject files, string path)
    {
        if (!files.TryGetValue(path, out var v) || v is not string { Length: > 0 } s)
        {
            return [];
        }
        if (s[^1] == '\n')
        {
            s = s[..^1];
        }
        return s.Split('\n').Select(l => (object?)l).ToList();
    }

    private static string AsMap(GoObject files, Func<string, string> encode)
    {
        var m = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in files)
        {
            m[k[(k.LastIndexOf('/') + 1)..]] = encode((string)v!);
        }
        return HelmTemplateEngine.ToYaml(m);
    }
}
