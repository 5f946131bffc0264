using System.Text;
using System.Text.RegularExpressions;
using Gyre.Templates.Functions;
using static Gyre.Templates.Sprig.SprigFunctions;

namespace Gyre.Templates.Sprig;

/// <summary>Sprig's regex functions on Go regexp semantics (RE2 syntax, leftmost-first, Go's Expand and Split rules).</summary>
internal static class RegexFunctions
{
    private const ArgType Str = ArgType.String;

    public static void Register(Dictionary<string, TemplateFunction> m)
    {
        Pair(m, "regexMatch", F(a => Compile(S(a[0]), out var r) ? r!.IsMatch(S(a[1])) : false, Str, Str), F(a => MustCompile(S(a[0])).IsMatch(S(a[1])), Str, Str));
        Pair(m, "regexFindAll", F(a => Compile(S(a[0]), out var r) ? FindAll(r!, S(a[1]), I(a[2])) : Array.Empty<string>(), Str, Str, ArgType.Int),
            F(a => FindAll(MustCompile(S(a[0])), S(a[1]), I(a[2])), Str, Str, ArgType.Int));
        Pair(m, "regexFind", F(a => Compile(S(a[0]), out var r) ? Find(r!, S(a[1])) : "", Str, Str), F(a => Find(MustCompile(S(a[0])), S(a[1])), Str, Str));
        Pair(m, "regexReplaceAll", F(a => Compile(S(a[0]), out var r) ? ReplaceAll(r!, S(a[1]), S(a[2]), literal: false) : "", Str, Str, Str),
            F(a => ReplaceAll(MustCompile(S(a[0])), S(a[1]), S(a[2]), literal: false), Str, Str, Str));
        Pair(m, "regexReplaceAllLiteral", F(a => Compile(S(a[0]), out var r) ? ReplaceAll(r!, S(a[1]), S(a[2]), literal: true) : "", Str, Str, Str),
            F(a => ReplaceAll(MustCompile(S(a[0])), S(a[1]), S(a[2]), literal: true), Str, Str, Str));
        Pair(m, "regexSplit", F(a => Compile(S(a[0]), out var r) ? Split(r!, S(a[0]), S(a[1]), I(a[2])) : Array.Empty<string>(), Str, Str, ArgType.Int),
            F(a => Split(MustCompile(S(a[0])), S(a[0]), S(a[1]), I(a[2])), Str, Str, ArgType.Int));
        m["regexQuoteMeta"] = F(a => QuoteMeta(S(a[0])), Str);
    }

    private static void Pair(Dictionary<string, TemplateFunction> m, string name, TemplateFunction lenient, TemplateFunction must)
    {
        m[name] = lenient;
        m["must" + char.ToUpperInvariant(name[0]) + name[1..]] = must;
    }

    private static bool Compile(string expr, out Regex? regex)
    {
        regex = null;
        if (GoRegexSyntax.Check(expr) != null)
        {
            return false;
        }
        try
        {
            regex = new Regex(GoRegexSyntax.Translate(expr), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static Regex MustCompile(string expr)
    {
        if (GoRegexSyntax.Check(expr) is { } error)
        {
            throw new TemplateFunctionException(error);
        }
        try
        {
            return new Regex(GoRegexSyntax.Translate(expr), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        }
        catch (ArgumentException)
        {
            throw new TemplateFunctionException("error parsing regexp: invalid regular expression: `" + expr + "`");
        }
    }

    // Go's FindAll: at most n matches (n < 0: all); an empty match right after the previous match is skipped.
    private static List<Match> Matches(Regex r, string s, int n)
    {
        var result = new List<Match>();
        var prevEnd = -1;
        foreach (Match match in r.Matches(s))
        {
            if (n >= 0 && result.Count >= n)
            {
                break;
            }
            if (match.Length == 0 && match.Index == prevEnd)
            {
                continue;
            }
            result.Add(match);
            prevEnd = match.Index + match.Length;
        }
        return result;
    }

    private static string[] FindAll(Regex r, string s, int n) => n == 0 ? [] : Matches(r, s, n).Select(x => x.Value).ToArray();

    private static string Find(Regex r, string s)
    {
        var match = r.Match(s);
        return match.Success ? match.Value : "";
    }

    private static string ReplaceAll(Regex r, string s, string repl, bool literal)
    {
        var sb = new StringBuilder();
        var last = 0;
        foreach (var match in Matches(r, s, -1))
        {
            sb.Append(s, last, match.Index - last);
            sb.Append(literal ? repl : Expand(r, match, repl));
            last = match.Index + match.Length;
        }
        sb.Append(s, last, s.Length - last);
        return sb.ToString();
    }

    // regexp.Expand: $name or ${name}; a name is the longest run of letters, digits and underscores; $$ is a dollar.
    private static string Expand(Regex r, Match match, string template)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c != '$' || i + 1 >= template.Length)
            {
                sb.Append(c);
                i++;
                continue;
            }
            if (template[i + 1] == '$')
            {
                sb.Append('$');
                i += 2;
                continue;
            }
            string name;
            int next;
            if (template[i + 1] == '{')
            {
                var close = template.IndexOf('}', i + 2);
                if (close < 0)
                {
                    sb.Append(c);
                    i++;
                    continue;
                }
                name = template[(i + 2)..close];
                next = close + 1;
            }
            else
            {
                var j = i + 1;
                while (j < template.Length && (char.IsLetterOrDigit(template[j]) || template[j] == '_'))
                {
                    j++;
                }
                name = template[(i + 1)..j];
                next = j;
            }
            if (name.Length == 0)
            {
                sb.Append(c);
                i++;
                continue;
            }
            if (name.All(char.IsAsciiDigit))
            {
                if (int.TryParse(name, out var num) && num < match.Groups.Count && r.GroupNameFromNumber(num) == name)
                {
                    sb.Append(match.Groups[num].Value);
                }
            }
            else if (r.GroupNumberFromName(name) >= 0)
            {
                sb.Append(match.Groups[name].Value);
            }
            i = next;
        }
        return sb.ToString();
    }

    private static string[] Split(Regex r, string expr, string s, int n)
    {
        if (n == 0)
        {
            return [];
        }
        if (expr.Length > 0 && s.Length == 0)
        {
            return [""];
        }
        var parts = new List<string>();
        var beg = 0;
        var end = 0;
        foreach (var match in Matches(r, s, n))
        {
            if (n > 0 && parts.Count == n - 1)
            {
                break;
            }
            end = match.Index;
            if (match.Index + match.Length != 0)
            {
                parts.Add(s[beg..end]);
            }
            beg = match.Index + match.Length;
        }
        if (end != s.Length)
        {
            parts.Add(s[beg..]);
        }
        return parts.ToArray();
    }

    private static string QuoteMeta(string s)
    {
        var sb = new StringBuilder();
        foreach (var c in s)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
