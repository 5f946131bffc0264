using System.Globalization;
using System.Text;
using Gyre.Templates.Execution;
using Gyre.Templates.Formatting;

namespace Gyre.Templates.Serialization;

/// <summary>Go's encoding/json Marshal for the template data model: sorted keys, Go's float and string escaping.</summary>
internal static class GoJson
{
    public static string Marshal(object? v, bool escapeHtml = true)
    {
        var sb = new StringBuilder();
        Write(sb, v, escapeHtml);
        return sb.ToString();
    }

    public static void Write(StringBuilder sb, object? v, bool escapeHtml)
    {
        switch (v)
        {
            case null or NoValue:
                sb.Append("null");
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case string s:
                WriteString(sb, s, escapeHtml);
                break;
            case long or int or GoInt64:
                sb.Append(GoTypes.AsLong(v).ToString(CultureInfo.InvariantCulture));
                break;
            case ulong u:
                sb.Append(u.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                sb.Append(FormatFloat(d));
                break;
            case Dictionary<string, object?> m:
                sb.Append('{');
                var first = true;
                foreach (var k in Executor.SortedKeys(m.Keys))
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }
                    first = false;
                    WriteString(sb, k, escapeHtml);
                    sb.Append(':');
                    Write(sb, m[k], escapeHtml);
                }
                sb.Append('}');
                break;
            case Dictionary<string, string> ms:
                Write(sb, ms.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal), escapeHtml);
                break;
            case List<object?> or string[] or long[]:
                sb.Append('[');
                var n = GoTypes.Length(v);
                for (var i = 0; i < n; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }
                    Write(sb, GoTypes.SliceAt(v, i), escapeHtml);
                }
                sb.Append(']');
                break;
            case GoTime t:
                WriteString(sb, GoTimeLayout.Format(t, "2006-01-02T15:04:05.999999999Z07:00"), escapeHtml);
                break;
            case IGoValue g:
                sb.Append("{}");
                _ = g;
                break;
            default:
                WriteString(sb, v.ToString() ?? "", escapeHtml);
                break;
        }
    }

    /// <summary>Go's unsupported-value error for NaN/Inf.</summary>
    public static bool HasUnsupported(object? v, out string error)
    {
        error = "";
        switch (v)
        {
            case double d when double.IsNaN(d) || double.IsInfinity(d):
                error = "json: unsupported value: " + GoFloat.Format(d, 'g', -1);
                return true;
            case Dictionary<string, object?> m:
                foreach (var k in Executor.SortedKeys(m.Keys))
                {
                    if (HasUnsupported(m[k], out error))
                    {
                        return true;
                    }
                }
                return false;
            case List<object?> l:
                foreach (var e in l)
                {
                    if (HasUnsupported(e, out error))
                    {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    /// <summary>encoding/json float64: like strconv 'f', but 'e' for very small or large exponents, "e-07" cleaned to "e-7".</summary>
    public static string FormatFloat(double f)
    {
        var abs = Math.Abs(f);
        var fmt = 'f';
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            fmt = 'e';
        }
        var s = GoFloat.Format(f, fmt, -1);
        if (fmt == 'e')
        {
            var n = s.Length;
            if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0')
            {
                s = s[..(n - 2)] + s[(n - 1)..];
            }
        }
        return s;
    }

    public static void WriteString(StringBuilder sb, string s, bool escapeHtml)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); continue;
                case '\\': sb.Append("\\\\"); continue;
                case '\n': sb.Append("\\n"); continue;
                case '\r': sb.Append("\\r"); continue;
                case '\t': sb.Append("\\t"); continue;
                case '\u2028': sb.Append("\\u2028"); continue;
                case '\u2029': sb.Append("\\u2029"); continue;
            }
            if (c < 0x20 || (escapeHtml && c is '<' or '>' or '&'))
            {
                sb.Append("\\u00").Append("0123456789abcdef"[c >> 4]).Append("0123456789abcdef"[c & 0xF]);
                continue;
            }
            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])))
            {
                if (!(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(s[i - 1])))
                {
                    sb.Append("\\ufffd");
                    continue;
                }
            }
            sb.Append(c);
        }
        sb.Append('"');
    }
}
