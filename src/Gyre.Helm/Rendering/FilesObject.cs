using System.Text.RegularExpressions;
using Gyre.Helm.Charts;
using Gyre.Templates;
using Gyre.Templates.Functions;
using Gyre.Templates.Helm;

namespace Gyre.Helm.Rendering;

/// <summary>
/// The .Files object (Helm's engine.files): Get, GetBytes, Glob, Lines, AsConfig, AsSecrets over the chart's files.
/// AsSecrets encodes each file's bytes as they are in the chart, so binary files (keystores, images) survive.
/// </summary>
internal static class FilesObject
{
    public static GoObject Create(IEnumerable<ChartFile> files)
    {
        var list = files.ToList();
        var o = new GoObject();
        foreach (var f in list)
        {
            o[f.Name] = f.Text;
        }
        o.Methods["Get"] = TemplateFunction.Of(a => o.TryGetValue((string)a[0]!, out var v) ? v : "", ArgType.String);
        o.Methods["GetBytes"] = o.Methods["Get"];
        o.Methods["Glob"] = TemplateFunction.Of(a => Glob(list, (string)a[0]!), ArgType.String);
        o.Methods["Lines"] = TemplateFunction.Of(a => Lines(o, (string)a[0]!), ArgType.String);
        o.Methods["AsConfig"] = TemplateFunction.Of(_ => AsMap(list, f => f.Text));
        o.Methods["AsSecrets"] = TemplateFunction.Of(_ => AsMap(list, f => Convert.ToBase64String(f.Data.Span)));
        return o;
    }

    private static GoObject Glob(List<ChartFile> files, string pattern)
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
        return Create(files.Where(f => re.IsMatch(f.Name)));
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

    private static string AsMap(List<ChartFile> files, Func<ChartFile, string> encode)
    {
        var m = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var f in files)
        {
            m[f.Name[(f.Name.LastIndexOf('/') + 1)..]] = encode(f);
        }
        return HelmTemplateEngine.ToYaml(m);
    }
}
