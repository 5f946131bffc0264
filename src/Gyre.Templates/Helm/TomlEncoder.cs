using System.Globalization;
using System.Text;
using Gyre.Templates.Execution;
using Gyre.Templates.Formatting;

namespace Gyre.Templates.Helm;

/// <summary>BurntSushi/toml 1.2.0's Encoder for maps: plain keys first, then tables, nested keys indented by two spaces.</summary>
internal static class TomlEncoder
{
    public static string Encode(object? v)
    {
        if (v is not Dictionary<string, object?> map)
        {
            return "toml: top-level values must be Go maps or structs";
        }
        var sb = new StringBuilder();
        try
        {
            WriteTable(sb, [], map);
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
        return sb.ToString();
    }

    private static bool IsTable(object? v) => v is Dictionary<string, object?> || (v is List<object?> l && l.Count > 0 && l.All(x => x is Dictionary<string, object?>));

    private static void Newline(StringBuilder sb)
    {
        if (sb.Length > 0)
        {
            sb.Append('\n');
        }
    }

    private static void WriteTable(StringBuilder sb, List<string> key, Dictionary<string, object?> map)
    {
        var direct = map.Keys.Where(k => !IsTable(map[k])).Order(StringComparer.Ordinal).ToList();
        var sub = map.Keys.Where(k => IsTable(map[k])).Order(StringComparer.Ordinal).ToList();
        foreach (var k in direct)
        {
            if (map[k] is null or NoValue)
            {
                continue;
            }
            sb.Append(' ', 2 * key.Count).Append(QuoteKey(k)).Append(" = ");
            WriteValue(sb, map[k]);
            Newline(sb);
        }
        foreach (var k in sub)
        {
            var path = new List<string>(key) { k };
            if (map[k] is Dictionary<string, object?> table)
            {
                if (path.Count == 1)
                {
                    Newline(sb);
                }
                sb.Append(' ', 2 * (path.Count - 1)).Append('[').Append(string.Join('.', path.Select(QuoteKey))).Append(']');
                Newline(sb);
                WriteTable(sb, path, table);
            }
            else
            {
                foreach (var item in (List<object?>)map[k]!)
                {
                    if (path.Count == 1)
                    {
                        Newline(sb);
                    }
                    sb.Append(' ', 2 * (path.Count - 1)).Append("[[").Append(string.Join('.', path.Select(QuoteKey))).Append("]]");
                    Newline(sb);
                    WriteTable(sb, path, (Dictionary<string, object?>)item!);
                }
            }
        }
    }

    private static string QuoteKey(string k) =>
        k.Length > 0 && k.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? k : Quote(k);

    private static void WriteValue(StringBuilder sb, object? v)
    {
        switch (v)
        {
            case string s:
                sb.Append(Quote(s));
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case long or int or GoInt64:
                sb.Append(GoTypes.AsLong(v).ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                sb.Append(double.IsNaN(d) ? "nan" : double.IsPositiveInfinity(d) ? "inf" : double.IsNegativeInfinity(d) ? "-inf" : AddDecimal(GoFloat.Format(d, 'f', -1)));
                break;
            case List<object?> or string[] or long[]:
                sb.Append('[');
                for (var i = 0; i < GoTypes.Length(v); i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }
                    WriteValue(sb, GoTypes.SliceAt(v!, i));
                }
                sb.Append(']');
                break;
            case Dictionary<string, object?> m:
                sb.Append('{');
                var first = true;
                foreach (var k in m.Keys.Order(StringComparer.Ordinal))
                {
                    sb.Append(first ? "" : ", ").Append(QuoteKey(k)).Append(" = ");
                    WriteValue(sb, m[k]);
                    first = false;
                }
                sb.Append('}');
                break;
            default:
                throw new InvalidOperationException("toml: cannot encode a value of type " + GoTypes.TypeName(v));
        }
    }

    private static string AddDecimal(string s) => s.Contains('.', StringComparison.Ordinal) ? s : s + ".0";

    private static string Quote(string s)
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
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c == 0x7f)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
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
