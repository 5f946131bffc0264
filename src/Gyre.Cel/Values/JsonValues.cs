using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gyre.Cel.Values;

/// <summary>
/// Converts System.Text.Json nodes to CEL values and back. JSON integers become int (as Kubernetes' unstructured
/// objects hold int64), other numbers double; JSON null becomes CEL null. Results convert back with timestamps and
/// durations as their CEL string forms and bytes as base64, as protobuf's JSON mapping does.
/// </summary>
internal static class JsonValues
{
    public static object FromJson(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return CelNull.Value;
            case JsonObject obj:
                var map = new CelMap();
                foreach (var (key, value) in obj)
                {
                    map.TryAdd(key, FromJson(value));
                }

                return map;
            case JsonArray array:
                var list = new object[array.Count];
                for (var i = 0; i < list.Length; i++)
                {
                    list[i] = FromJson(array[i]);
                }

                return list;
            default:
                return FromElement(node.AsValue());
        }
    }

    private static object FromElement(JsonValue value)
    {
        if (value.TryGetValue<string>(out var s))
        {
            return s;
        }

        if (value.TryGetValue<bool>(out var b))
        {
            return b;
        }

        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (value.TryGetValue<int>(out var i))
        {
            return (long)i;
        }

        if (value.TryGetValue<ulong>(out var u))
        {
            return u;
        }

        if (value.TryGetValue<double>(out var d))
        {
            return d;
        }

        if (value.TryGetValue<JsonElement>(out var element))
        {
            return element.ValueKind switch
            {
                JsonValueKind.String => element.GetString()!,
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null => CelNull.Value,
                JsonValueKind.Number when element.TryGetInt64(out var n) => n,
                JsonValueKind.Number => element.GetDouble(),
                _ => FromJson(JsonNode.Parse(element.GetRawText())),
            };
        }

        return FromJson(JsonNode.Parse(value.ToJsonString()));
    }

    /// <summary>Converts a CEL result to plain .NET values: long, ulong, double, bool, string, byte[], null, lists, maps.</summary>
    public static object? ToDotNet(object value) => value switch
    {
        CelNull => null,
        CelBytes b => b.Data,
        IReadOnlyList<object> list => list.Select(ToDotNet).ToList(),
        CelMap map => map.Keys.ToDictionary(k => k, k => map.TryGet(k, out var v) ? ToDotNet(v) : null),
        CelType t => t.Name,
        _ => value,
    };
}
