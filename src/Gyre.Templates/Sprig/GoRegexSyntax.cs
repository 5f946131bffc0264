using System.Text;

namespace Gyre.Templates.Sprig;

/// <summary>The RE2 syntax errors Go reports for the common mistakes, and the translation of RE2-only syntax to .NET.</summary>
internal static class GoRegexSyntax
{
    /// <summary>Go's "error parsing regexp: ..." text for unbalanced groups, classes and dangling repetitions, or null.</summary>
    public static string? Check(string expr)
    {
        var depth = 0;
        var prevAtomEnd = false;
        for (var i = 0; i < expr.Length; i++)
        {
            var c = expr[i];
            switch (c)
            {
                case '\\':
                    i++;
                    prevAtomEnd = true;
                    break;
                case '[':
                    var close = ClassEnd(expr, i);
                    if (close < 0)
                    {
                        return "error parsing regexp: missing closing ]: `" + expr[i..] + "`";
                    }
                    i = close;
                    prevAtomEnd = true;
                    break;
                case '(':
                    depth++;
                    prevAtomEnd = false;
                    if (i + 1 < expr.Length && expr[i + 1] == '?')
                    {
                        i++;
                    }
                    break;
                case ')':
                    if (depth == 0)
                    {
                        return "error parsing regexp: unexpected ): `" + expr + "`";
                    }
                    depth--;
                    prevAtomEnd = true;
                    break;
                case '*' or '+' or '?':
                    if (!prevAtomEnd)
                    {
                        return "error parsing regexp: missing argument to repetition operator: `" + c + "`";
                    }
                    if (i + 1 < expr.Length && expr[i + 1] is '*' or '+')
                    {
                        return string.Concat("error parsing regexp: invalid nested repetition operator: `", expr.AsSpan(i, 2), "`");
                    }
                    if (i + 1 < expr.Length && expr[i + 1] == '?')
                    {
                        i++;
                    }
                    break;
                case '|':
                    prevAtomEnd = false;
                    break;
                default:
                    prevAtomEnd = true;
                    break;
            }
        }
        return depth > 0 ? "error parsing regexp: missing closing ): `" + expr + "`" : null;
    }

    private static int ClassEnd(string expr, int open)
    {
        var i = open + 1;
        if (i < expr.Length && expr[i] == '^')
        {
            i++;
        }
        if (i < expr.Length && expr[i] == ']')
        {
            i++;
        }
        for (; i < expr.Length; i++)
        {
            if (expr[i] == '\\')
            {
                i++;
                continue;
            }
            if (expr[i] == '[' && i + 1 < expr.Length && expr[i + 1] == ':')
            {
                var end = expr.IndexOf(":]", i + 2, StringComparison.Ordinal);
                if (end > 0)
                {
                    i = end + 1;
                    continue;
                }
            }
            if (expr[i] == ']')
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>(?P&lt;name&gt;...) becomes (?&lt;name&gt;...); \z and POSIX classes map to .NET forms.</summary>
    public static string Translate(string expr)
    {
        var sb = new StringBuilder(expr.Replace("(?P<", "(?<", StringComparison.Ordinal));
        sb.Replace("[:alpha:]", "a-zA-Z").Replace("[:digit:]", "0-9").Replace("[:alnum:]", "a-zA-Z0-9").Replace("[:space:]", "\\s")
            .Replace("[:upper:]", "A-Z").Replace("[:lower:]", "a-z").Replace("[:punct:]", "!-/:-@\\[-`{-~").Replace("[:xdigit:]", "0-9A-Fa-f");
        return sb.ToString();
    }
}
