using System.Globalization;
using System.Text;

namespace Gyre.PostBuild;

/// <summary>
/// Expands ${...} expressions the way Flux's kustomize-controller does (fluxcd/pkg/envsubst): ${var}, ${#var},
/// ${var^} ${var^^} ${var,} ${var,,}, ${var:offset[:length]}, ${var#p} ${var##p} ${var%p} ${var%%p},
/// ${var/p/r} ${var//p/r} ${var/#p/r} ${var/%p/r}, ${var=d} ${var:=d} ${var:-d}; "$$" escapes a dollar and $var
/// stays as it is. Lengths and offsets count UTF-8 bytes, as Go's do.
/// </summary>
public static class Envsubst
{
    /// <summary>Expands <paramref name="template"/>.</summary>
    /// <param name="template">The text.</param>
    /// <param name="lookup">Returns a variable's value, or null when it is not set.</param>
    /// <param name="strict">When true, an unset variable used without a default operator is an error.</param>
    public static string Expand(string template, Func<string, string?> lookup, bool strict)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(lookup);
        var output = new StringBuilder(template.Length);
        foreach (var node in EnvsubstParser.Parse(template))
        {
            output.Append(Evaluate(node, lookup, strict));
        }

        return output.ToString();
    }

    private static string Evaluate(EnvsubstNode node, Func<string, string?> lookup, bool strict)
    {
        if (node is EnvsubstText text)
        {
            return text.Value;
        }

        var expression = (EnvsubstExpression)node;
        var arguments = expression.Arguments.Select(a => Evaluate(a, lookup, strict)).ToArray();
        var value = lookup(expression.Variable);
        if (value is null && strict && !IsDefaultOperator(expression.Operator))
        {
            throw new SubstitutionException(
                $"variable '{expression.Variable}' is not set (strict mode); define it in postBuild.substitute or substituteFrom, or give a default with ${{{expression.Variable}:=value}}",
                variable: expression.Variable);
        }

        return Apply(expression.Operator, value ?? string.Empty, arguments);
    }

    // Operators that supply their own value for an unset variable, so strict mode leaves them alone.
    private static bool IsDefaultOperator(string op) => op is "-" or "+" or "=" or "?" or ":-" or ":+" or ":=" or ":?";

    private static string Apply(string op, string s, string[] args) => op switch
    {
        "," => s.Length == 0 ? s : ChangeFirst(s, upper: false),
        ",," => s.ToLowerInvariant(),
        "^" => s.Length == 0 ? s : ChangeFirst(s, upper: true),
        "^^" => s.ToUpperInvariant(),
        "#" when args.Length == 0 => Encoding.UTF8.GetByteCount(s).ToString(CultureInfo.InvariantCulture),
        "#" => GlobTrim.Shortest(s, args[0]),
        "##" => GlobTrim.Longest(s, args[0]),
        "%" => GlobTrim.ShortestSuffix(s, args[0]),
        "%%" => GlobTrim.LongestSuffix(s, args[0]),
        ":" => Substring(s, args),
        "/#" => args.Length == 2 && s.StartsWith(args[0], StringComparison.Ordinal) ? args[1] + s[args[0].Length..] : s,
        "/%" => args.Length == 2 && s.EndsWith(args[0], StringComparison.Ordinal) ? s[..(s.Length - args[0].Length)] + args[1] : s,
        "/" => GoReplace(s, args[0], args.Length > 1 ? args[1] : string.Empty, all: false),
        "//" => GoReplace(s, args[0], args.Length > 1 ? args[1] : string.Empty, all: true),
        _ => s.Length == 0 && args.Length > 0 ? string.Concat(args) : s,
    };

    private static string ChangeFirst(string s, bool upper)
    {
        var first = Rune.GetRuneAt(s, 0);
        var changed = upper ? Rune.ToUpperInvariant(first) : Rune.ToLowerInvariant(first);
        return changed.ToString() + s[first.Utf16SequenceLength..];
    }

    // Bash-like offsets as Flux implements them: a negative offset counts from the end, a negative length stops short
    // of the end, an unparsable number leaves the value unchanged.
    private static string Substring(string s, string[] args)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        if (!int.TryParse(args[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var pos))
        {
            return s;
        }

        if (pos < 0)
        {
            pos = Math.Max(bytes.Length + pos, 0);
        }

        if (args.Length == 1)
        {
            return pos < bytes.Length ? Encoding.UTF8.GetString(bytes, pos, bytes.Length - pos) : string.Empty;
        }

        if (!int.TryParse(args[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var length))
        {
            return s;
        }

        if (length < 0)
        {
            var end = bytes.Length + length;
            return end < pos ? string.Empty : Encoding.UTF8.GetString(bytes, pos, end - pos);
        }

        if (pos + length >= bytes.Length)
        {
            return pos < bytes.Length ? Encoding.UTF8.GetString(bytes, pos, bytes.Length - pos) : string.Empty;
        }

        return Encoding.UTF8.GetString(bytes, pos, length);
    }

    // Go's strings.Replace: an empty pattern matches before every rune and at the end.
    private static string GoReplace(string s, string pattern, string replacement, bool all)
    {
        if (pattern.Length > 0)
        {
            if (all)
            {
                return s.Replace(pattern, replacement, StringComparison.Ordinal);
            }

            var at = s.IndexOf(pattern, StringComparison.Ordinal);
            return at < 0 ? s : s[..at] + replacement + s[(at + pattern.Length)..];
        }

        if (!all)
        {
            return replacement + s;
        }

        var output = new StringBuilder(replacement);
        foreach (var rune in s.EnumerateRunes())
        {
            output.Append(rune.ToString()).Append(replacement);
        }

        return output.ToString();
    }
}
