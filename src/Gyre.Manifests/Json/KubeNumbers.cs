using System.Globalization;
using System.Text.Json.Nodes;

namespace Gyre.Manifests.Json;

/// <summary>
/// Numbers as Kubernetes' unstructured objects hold them: an int64 when the JSON text is an integer that fits,
/// otherwise a float64. A float that Go prints without a fraction (1e3 → "1000") becomes an int64, exactly as
/// kubectl's encode-then-decode round trip does.
/// </summary>
public static class KubeNumbers
{
    public static JsonValue FromInt64(long value) => JsonValue.Create(value);

    /// <summary>A float64 normalised through Go's JSON text, so 1000.0 becomes the integer 1000.</summary>
    public static JsonValue FromDouble(double value)
    {
        var text = GoFloat.FormatJson(value);
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            ? JsonValue.Create(integer)
            : JsonValue.Create(value);
    }

    /// <summary>Decodes a JSON number literal the way apimachinery's unstructured decoder does.</summary>
    public static JsonValue FromJsonText(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && !double.IsInfinity(real))
        {
            return FromDouble(real);
        }

        throw new ManifestException($"invalid number '{text}'");
    }

    /// <summary>Reads a number node as an int64 if it holds one.</summary>
    public static bool TryGetInt64(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v)
        {
            return false;
        }

        if (v.TryGetValue(out long l))
        {
            value = l;
            return true;
        }

        if (v.TryGetValue(out int i))
        {
            value = i;
            return true;
        }

        if (v.GetValueKind() == System.Text.Json.JsonValueKind.Number && v.TryGetValue(out System.Text.Json.JsonElement e))
        {
            return e.TryGetInt64(out value);
        }

        return false;
    }
}
