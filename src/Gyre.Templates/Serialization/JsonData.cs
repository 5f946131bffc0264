using System.Globalization;
using System.Text.Json;

namespace Gyre.Templates.Serialization;

/// <summary>How JSON numbers decode into template data (the oracle's "numbers" field).</summary>
public enum JsonNumbers
{
    /// <summary>encoding/json default: every number is float64.</summary>
    Float64,

    /// <summary>Integer literals that fit become Go int (<see cref="long"/>), others float64.</summary>
    Int,

    /// <summary>Integer literals that fit become <see cref="GoInt64"/>, others float64.</summary>
    Int64,
}

/// <summary>Decodes JSON into the template data model the way Go's encoding/json fills an interface{}.</summary>
public static class JsonData
{
    /// <summary>Converts a parsed JSON element into maps, lists, strings, numbers, booleans and null.</summary>
    public static object? FromElement(JsonElement e, JsonNumbers numbers = JsonNumbers.Float64)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var m = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var p in e.EnumerateObject())
                {
                    m[p.Name] = FromElement(p.Value, numbers);
                }
                return m;
            case JsonValueKind.Array:
                var l = new List<object?>(e.GetArrayLength());
                foreach (var item in e.EnumerateArray())
                {
                    l.Add(FromElement(item, numbers));
                }
                return l;
            case JsonValueKind.String:
                return e.GetString();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                var raw = e.GetRawText();
                if (numbers != JsonNumbers.Float64 && raw.AsSpan().IndexOfAny(".eE") < 0 &&
                    long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
                {
                    return numbers == JsonNumbers.Int ? i : new GoInt64(i);
                }
                return double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
            default:
                return null;
        }
    }
}
