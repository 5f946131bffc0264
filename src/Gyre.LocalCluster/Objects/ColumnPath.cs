using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Objects;

/// <summary>
/// The JSONPath subset CRD printer columns use: fields (<c>.status.phase</c>), indexes (<c>.items[0]</c>) and
/// equality filters (<c>.status.conditions[?(@.type=="Ready")].status</c>, as every Flux kind's Ready column has).
/// The first match is shown, as kubectl shows a single-valued column.
/// </summary>
internal static class ColumnPath
{
    public static JsonNode? Read(JsonObject obj, string path)
    {
        IEnumerable<JsonNode?> current = [obj];
        var i = 0;
        var text = path.Trim().TrimStart('{').TrimEnd('}');
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var end = i + 1;
                while (end < text.Length && text[end] is not '.' and not '[')
                {
                    end++;
                }

                var name = text[(i + 1)..end];
                current = current.Select(n => n is JsonObject o ? o[name] : null).ToList();
                i = end;
            }
            else if (text[i] == '[')
            {
                var end = text.IndexOf(']', i);
                if (end < 0)
                {
                    return null;
                }

                current = Select(current, text[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                return null;
            }
        }

        return current.FirstOrDefault(n => n is not null);
    }

    private static List<JsonNode?> Select(IEnumerable<JsonNode?> nodes, string selector)
    {
        if (int.TryParse(selector, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            return nodes.Select(n => n is JsonArray a && index >= 0 && index < a.Count ? a[index] : null).ToList();
        }

        // ?(@.field=="value") or ?(@.field=='value')
        var filter = selector.Trim();
        if (!filter.StartsWith("?(@.", StringComparison.Ordinal) || !filter.EndsWith(')'))
        {
            return [];
        }

        var body = filter[4..^1];
        var eq = body.IndexOf("==", StringComparison.Ordinal);
        if (eq < 0)
        {
            return [];
        }

        var field = body[..eq].Trim();
        var value = body[(eq + 2)..].Trim().Trim('"', '\'');
        return nodes.OfType<JsonArray>()
            .SelectMany(a => a.OfType<JsonObject>())
            .Where(o => o[field] is JsonValue v && v.ToString() == value)
            .Cast<JsonNode?>()
            .ToList();
    }
}
