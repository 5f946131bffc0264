using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Templates;
using Gyre.Templates.Helm;
using Gyre.Templates.Serialization;

namespace Gyre.Helm.Values;

/// <summary>
/// Converts between the public JSON form of values (<see cref="JsonObject"/>) and the template data model
/// (Dictionary/List/double/string/bool/null, <see cref="GoInt64"/> for --set integers), and reads values YAML as Helm
/// does (sigs.k8s.io/yaml: YAML 1.1 scalars, every number a float64).
/// </summary>
internal static class GoValues
{
    public static Dictionary<string, object?> NewMap() => new(StringComparer.Ordinal);

    /// <summary>Parses a values document; an empty document is an empty map.</summary>
    public static Dictionary<string, object?> ParseYaml(string text, string file)
    {
        object? v;
        try
        {
            v = YamlValues.Decode(text);
        }
        catch (FormatException e)
        {
            throw new HelmException(file + ": cannot parse values: " + e.Message);
        }
        return v switch
        {
            null => NewMap(),
            Dictionary<string, object?> m => m,
            _ => throw new HelmException(file + ": cannot parse values: the document is not a map"),
        };
    }

    public static Dictionary<string, object?> FromJson(JsonObject? o) => o == null ? NewMap() : (Dictionary<string, object?>)FromNode(o)!;

    public static object? FromNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject o:
                var m = NewMap();
                foreach (var (k, v) in o)
                {
                    m[k] = FromNode(v);
                }
                return m;
            case JsonArray a:
                return a.Select(FromNode).ToList();
            case JsonValue v:
                return Scalar(v);
            default:
                return null;
        }
    }

    private static object? Scalar(JsonValue v)
    {
        if (v.TryGetValue<JsonElement>(out var e))
        {
            return JsonData.FromElement(e);
        }
        var raw = v.GetValue<object>();
        return raw switch
        {
            string or bool or double => raw,
            long l => new GoInt64(l),
            int i => new GoInt64(i),
            GoInt64 g => g,
            float f => (double)f,
            decimal d => (double)d,
            _ => Convert.ToString(raw, CultureInfo.InvariantCulture),
        };
    }

    public static JsonObject ToJson(Dictionary<string, object?> m) => (JsonObject)ToNode(m)!;

    public static JsonNode? ToNode(object? v) => v switch
    {
        null => null,
        Dictionary<string, object?> m => new JsonObject(m.Select(kv => KeyValuePair.Create(kv.Key, ToNode(kv.Value)))),
        List<object?> l => new JsonArray(l.Select(ToNode).ToArray()),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        double d => JsonValue.Create(d),
        long l => JsonValue.Create(l),
        GoInt64 g => JsonValue.Create(g.Value),
        _ => JsonValue.Create(Convert.ToString(v, CultureInfo.InvariantCulture)),
    };

    /// <summary>A deep copy of a map (lists and maps copied, scalars shared).</summary>
    public static Dictionary<string, object?> Copy(Dictionary<string, object?> m)
    {
        var r = NewMap();
        foreach (var (k, v) in m)
        {
            r[k] = CopyValue(v);
        }
        return r;
    }

    public static object? CopyValue(object? v) => v switch
    {
        Dictionary<string, object?> m => Copy(m),
        List<object?> l => l.Select(CopyValue).ToList(),
        _ => v,
    };
}
