using System.Globalization;
using Gyre.Manifests.Json;

namespace Gyre.Kustomize.Yaml;

/// <summary>
/// A scalar as kustomize's printer sees it: yaml.v3 decodes the resource into Go values, encoding/json writes them,
/// and yaml.v2 reads that JSON back. So 1.0 becomes the integer 1, 0x10 becomes 16, and timestamps stay strings.
/// </summary>
internal readonly record struct OutputScalar(OutputScalarKind Kind, string Text)
{
    public static OutputScalar Of(YamlNode scalar)
    {
        switch (scalar.Tag)
        {
            case YamlTags.Null:
                return new(OutputScalarKind.Null, "null");
            case YamlTags.Bool:
                return new(OutputScalarKind.Bool, scalar.Value.Equals("true", StringComparison.OrdinalIgnoreCase) ? "true" : "false");
            case YamlTags.Int when GoScalarResolver.TryParseGoInteger(Plain(scalar.Value), out var integer):
                return new(OutputScalarKind.Int, integer.ToString(CultureInfo.InvariantCulture));
            case YamlTags.Int or YamlTags.Float when TryParseFloat(scalar.Value, out var number):
                return FromJsonNumber(GoFloat.FormatJson(number));
            default:
                return new(OutputScalarKind.String, scalar.Value);
        }
    }

    /// <summary>How yaml.v2 reads back a JSON number: an integer when it parses as one, else a float.</summary>
    private static OutputScalar FromJsonNumber(string json)
    {
        if (GoScalarResolver.TryParseGoInteger(json, out var integer) && !json.StartsWith('0'))
        {
            return new(OutputScalarKind.Int, integer.ToString(CultureInfo.InvariantCulture));
        }

        if (json == "0")
        {
            return new(OutputScalarKind.Int, "0");
        }

        var value = double.Parse(json, NumberStyles.Float, CultureInfo.InvariantCulture);
        return new(OutputScalarKind.Float, GoFloat.FormatG(value));
    }

    private static string Plain(string text) => text.Replace("_", string.Empty, StringComparison.Ordinal);

    private static bool TryParseFloat(string text, out double value)
    {
        var plain = Plain(text);
        if (GoScalarResolver.TryParseGoInteger(plain, out var integer))
        {
            value = (double)integer;
            return true;
        }

        return double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }
}
