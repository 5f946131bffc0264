using System.Globalization;
using System.Text;
using Gyre.Manifests.Yaml;
using Gyre.Templates.Execution;
using Gyre.Templates.Formatting;

namespace Gyre.Templates.Helm;

/// <summary>
/// Helm's toYamlPretty: gopkg.in/yaml.v3's encoder with an indent of 2 (sequences indented under their key, no line
/// folding, yaml.v3's quoting). Helm's toYaml goes through go-yaml v2 instead (<see cref="HelmToYaml"/>).
/// </summary>
internal static class PrettyYamlEmitter
{
    public static string ToYamlPretty(object? v)
    {
        var sb = new StringBuilder();
        WriteDocument(sb, v);
        return sb.ToString().TrimEnd('\n');
    }

    private static void WriteDocument(StringBuilder sb, object? v)
    {
        if (v is Dictionary<string, object?> { Count: > 0 } or List<object?> { Count: > 0 })
        {
            WriteBlock(sb, v, 0);
        }
        else
        {
            sb.Append(Scalar(v, 2)).Append('\n');
        }
    }

    private static void WriteBlock(StringBuilder sb, object? v, int indent)
    {
        switch (v)
        {
            case Dictionary<string, object?> m:
                var keys = m.Keys.ToList();
                keys.Sort(YamlKeyOrder.Instance);
                foreach (var k in keys)
                {
                    sb.Append(' ', indent).Append(Scalar(k, indent)).Append(':');
                    WriteValue(sb, m[k], indent);
                }
                break;
            case List<object?> l:
                foreach (var item in l)
                {
                    sb.Append(' ', indent).Append('-');
                    if (item is Dictionary<string, object?> { Count: > 0 } or List<object?> { Count: > 0 })
                    {
                        // Nested collections start on the dash line.
                        var nested = new StringBuilder();
                        WriteBlock(nested, item, indent + 2);
                        sb.Append(' ').Append(nested.ToString(indent + 2, nested.Length - indent - 2));
                    }
                    else
                    {
                        WriteValue(sb, item, indent);
                    }
                }
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, object? value, int indent)
    {
        switch (value)
        {
            case Dictionary<string, object?> { Count: > 0 } or List<object?> { Count: > 0 }:
                sb.Append('\n');
                WriteBlock(sb, value, indent + 2);
                break;
            default:
                sb.Append(' ').Append(Scalar(value, indent + 2)).Append('\n');
                break;
        }
    }

    private static string Scalar(object? v, int indent) => v switch
    {
        null or NoValue => "null",
        bool b => b ? "true" : "false",
        long or int or GoInt64 => GoTypes.AsLong(v).ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        double d => FloatText(d),
        string s => StringScalar(s, indent),
        Dictionary<string, object?> => "{}",
        Dictionary<string, string> => "{}",
        List<object?> or string[] or long[] => "[]",
        _ => StringScalar(GoPrinter.Sprintf("%v", [v]), indent),
    };

    private static string FloatText(double d)
    {
        if (double.IsPositiveInfinity(d))
        {
            return ".inf";
        }
        if (double.IsNegativeInfinity(d))
        {
            return "-.inf";
        }
        return double.IsNaN(d) ? ".nan" : GoFloat.Format(d, 'g', -1);
    }

    private static string StringScalar(string s, int indent)
    {
        // yaml.v3 keeps tabs in literal blocks (yaml.v2 double-quotes them).
        var literalAllowed = !HasSpecial(s.Replace('\t', ' ')) && !s.EndsWith(' ');
        if (s.Contains('\n', StringComparison.Ordinal) && literalAllowed)
        {
            return Literal(s, indent);
        }
        if (s.Length == 0 || ResolvesToNonString(s))
        {
            return DoubleQuoted(s);
        }
        if (HasSpecial(s) || s.Contains('\n', StringComparison.Ordinal))
        {
            return DoubleQuoted(s);
        }
        return PlainAllowed(s) ? s : "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static string Literal(string s, int indent)
    {
        var chomp = s.EndsWith("\n\n", StringComparison.Ordinal) ? "+" : s.EndsWith('\n') ? "" : "-";
        var indicator = s.StartsWith(' ') || s.StartsWith('\n') ? "2" : "";
        var body = s.EndsWith('\n') ? s[..^1] : s;
        var sb = new StringBuilder("|" + indicator + chomp);
        var lines = body.Split('\n');
        // yaml.v3 drops a leading empty line of a literal block (its output, reproduced as is).
        foreach (var line in lines.Length > 1 && lines[0].Length == 0 ? lines[1..] : lines)
        {
            sb.Append('\n');
            if (line.Length > 0)
            {
                sb.Append(' ', indent).Append(line);
            }
        }
        return sb.ToString();
    }

    // yaml.v2 resolves these plain scalars to timestamps, so such strings are quoted.
    private static readonly System.Text.RegularExpressions.Regex Timestamp = new(
        @"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]*)?([ \t]*(Z|[-+][0-9]{1,2}(:?[0-9]{2})?))?)?$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static bool ResolvesToNonString(string s)
    {
        if (Timestamp.IsMatch(s))
        {
            return true;
        }
        var node = new YamlDotNet.RepresentationModel.YamlScalarNode(s) { Style = YamlDotNet.Core.ScalarStyle.Plain };
        try
        {
            return YamlValues.Scalar(node) is not string || IsBase60Float(s);
        }
        catch (FormatException)
        {
            return true;
        }
    }

    // yaml.v2 quotes "1:20" style sexagesimal numbers for YAML 1.1 readers.
    private static bool IsBase60Float(string s) =>
        s.Length > 0 && (char.IsAsciiDigit(s[0]) || ((s[0] is '+' or '-') && s.Length > 1 && char.IsAsciiDigit(s[1]))) &&
        s.Contains(':', StringComparison.Ordinal) &&
        System.Text.RegularExpressions.Regex.IsMatch(s, @"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    private static bool HasSpecial(string s)
    {
        foreach (var c in s)
        {
            if (c != '\n' && (c < 0x20 || c == 0x7f || (c is >= '\u0080' and < '\u00a0' && c != '\u0085') || c == '\uFEFF' || char.IsSurrogate(c)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool PlainAllowed(string s)
    {
        if (s.StartsWith("---", StringComparison.Ordinal) || s.StartsWith("...", StringComparison.Ordinal))
        {
            return false;
        }
        if (s[0] == ' ' || s[^1] == ' ')
        {
            return false;
        }
        var first = s[0];
        if ("#,[]{}&*!|>'\"%@`".Contains(first, StringComparison.Ordinal))
        {
            return false;
        }
        if (first is '?' or ':' or '-' && (s.Length == 1 || s[1] == ' '))
        {
            return false;
        }
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == ':' && (i + 1 == s.Length || s[i + 1] == ' '))
            {
                return false;
            }
            if (c == '#' && i > 0 && s[i - 1] == ' ')
            {
                return false;
            }
        }
        return true;
    }

    private static string DoubleQuoted(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                case '\0': sb.Append("\\0"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\v': sb.Append("\\v"); break;
                case '\f': sb.Append("\\f"); break;
                case '\u001b': sb.Append("\\e"); break;
                case '\u0085': sb.Append("\\N"); break;
                case '\u00a0': sb.Append("\\_"); break;
                default:
                    if (c < 0x20 || c == 0x7f)
                    {
                        sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
