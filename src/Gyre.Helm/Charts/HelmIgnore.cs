using System.Text;
using System.Text.RegularExpressions;

namespace Gyre.Helm.Charts;

/// <summary>
/// Helm's .helmignore rules (pkg/ignore): one filepath.Match pattern per line, '#' comments, '!' negation, a trailing
/// '/' for directories only, a leading '/' or any '/' matching the whole relative path, otherwise the base name.
/// "templates/.?*" is always ignored.
/// </summary>
public sealed class HelmIgnore
{
    private readonly List<Rule> _rules = [];

    private sealed record Rule(Regex Match, bool Negate, bool MustDir, bool WholePath);

    /// <summary>Parses .helmignore text (null or "" for none) and adds Helm's default rule.</summary>
    /// <exception cref="HelmException">A rule uses "**" or is not a valid pattern.</exception>
    public static HelmIgnore Parse(string? text)
    {
        var ignore = new HelmIgnore();
        foreach (var line in (text ?? "").Split('\n'))
        {
            ignore.Add(line);
        }
        ignore.Add("templates/.?*");
        return ignore;
    }

    /// <summary>Whether the chart-relative path (with '/' separators) is ignored.</summary>
    public bool Ignores(string path, bool isDirectory)
    {
        if (path is "" or "." or "./")
        {
            return false;
        }
        foreach (var r in _rules)
        {
            var subject = r.WholePath ? path : path[(path.LastIndexOf('/') + 1)..];
            if (r.Negate)
            {
                // As Helm does: a negated rule ignores everything it does not match.
                if ((r.MustDir && !isDirectory) || !r.Match.IsMatch(subject))
                {
                    return true;
                }
                continue;
            }
            if (r.MustDir && !isDirectory)
            {
                continue;
            }
            if (r.Match.IsMatch(subject))
            {
                return true;
            }
        }
        return false;
    }

    private void Add(string line)
    {
        var rule = line.Trim();
        if (rule.Length == 0 || rule.StartsWith('#'))
        {
            return;
        }
        if (rule.Contains("**", StringComparison.Ordinal))
        {
            throw new HelmException(".helmignore: rule " + rule + ": double-star (**) syntax is not supported");
        }
        var negate = rule.StartsWith('!');
        if (negate)
        {
            rule = rule[1..];
        }
        var mustDir = rule.EndsWith('/');
        if (mustDir)
        {
            rule = rule[..^1];
        }
        var wholePath = rule.Contains('/', StringComparison.Ordinal);
        rule = rule.TrimStart('/');
        _rules.Add(new Rule(new Regex("^" + FilepathMatch(rule) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), negate, mustDir, wholePath));
    }

    /// <summary>Go's filepath.Match syntax as a regular expression: * and ? never cross '/'.</summary>
    internal static string FilepathMatch(string pattern)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    sb.Append("[^/]*");
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '[':
                    var end = pattern.IndexOf(']', i + 1);
                    if (end < 0)
                    {
                        throw new HelmException(".helmignore: rule " + pattern + ": syntax error in pattern");
                    }
                    var body = pattern[(i + 1)..end];
                    sb.Append('[').Append(body.StartsWith('^') ? "^" + body[1..] : body).Append(']');
                    i = end;
                    break;
                case '\\' when i + 1 < pattern.Length:
                    sb.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return sb.ToString();
    }
}
