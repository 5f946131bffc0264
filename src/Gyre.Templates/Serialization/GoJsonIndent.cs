using System.Text;
using Gyre.Templates.Execution;

namespace Gyre.Templates.Serialization;

/// <summary>json.MarshalIndent(v, "", "  ").</summary>
internal static class GoJsonIndent
{
    public static string Marshal(object? v, bool escapeHtml)
    {
        var sb = new StringBuilder();
        Write(sb, v, escapeHtml, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? v, bool escapeHtml, int depth)
    {
        switch (v)
        {
            case Dictionary<string, object?> m when m.Count > 0:
                sb.Append('{');
                var first = true;
                foreach (var k in Executor.SortedKeys(m.Keys))
                {
                    sb.Append(first ? "" : ",").Append('\n').Append(' ', (depth + 1) * 2);
                    first = false;
                    GoJson.WriteString(sb, k, escapeHtml);
                    sb.Append(": ");
                    Write(sb, m[k], escapeHtml, depth + 1);
                }
                sb.Append('\n').Append(' ', depth * 2).Append('}');
                break;
            case List<object?> or string[] or long[] when GoTypes.Length(v) > 0:
                sb.Append('[');
                for (var i = 0; i < GoTypes.Length(v); i++)
                {
                    sb.Append(i == 0 ? "" : ",").Append('\n').Append(' ', (depth + 1) * 2);
                    Write(sb, GoTypes.SliceAt(v!, i), escapeHtml, depth + 1);
                }
                sb.Append('\n').Append(' ', depth * 2).Append(']');
                break;
            default:
                GoJson.Write(sb, v, escapeHtml);
                break;
        }
    }
}
