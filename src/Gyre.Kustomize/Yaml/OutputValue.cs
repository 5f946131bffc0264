using System.Globalization;

namespace Gyre.Kustomize.Yaml;

/// <summary>
/// A node as kustomize's printer sees it: yaml.v3 decodes the resource into Go values, encoding/json writes them,
/// and yaml.v2 reads that JSON back. So 1.0 becomes the integer 1, timestamps stay strings, and keys get sorted.
/// </summary>
internal sealed class OutputValue
{
    private OutputValue(OutputKind kind, string text)
    {
        Kind = kind;
        Text = text;
    }

    public OutputKind Kind { get; }

    public string Text { get; }

    public List<KeyValuePair<string, OutputValue>> Entries { get; } = [];

    public List<OutputValue> Items { get; } = [];

    public static OutputValue String(string text) => new(OutputKind.String, text);

    public static OutputValue From(YamlNode node)
    {
        switch (node.Kind)
        {
            case YamlNodeKind.Mapping:
                var mapping = new OutputValue(OutputKind.Mapping, string.Empty);
                var seen = new Dictionary<string, OutputValue>(StringComparer.Ordinal);
                foreach (var (key, value) in node.Pairs())
                {
                    seen[key] = From(value);
                }

                mapping.Entries.AddRange(seen.OrderBy(e => e.Key, GoYamlKeyOrder.Instance));
                return mapping;
            case YamlNodeKind.Sequence:
                var sequence = new OutputValue(OutputKind.Sequence, string.Empty);
                sequence.Items.AddRange(node.Content.Select(From));
                return sequence;
            default:
                return FromScalar(node);
        }
    }

    private static OutputValue FromScalar(YamlNode node)
    {
        switch (node.Tag)
        {
            case YamlTags.Null:
                return new OutputValue(OutputKind.Null, "null");
            case YamlTags.Bool:
                return new OutputValue(OutputKind.Bool, node.Value.Equals("true", StringComparison.OrdinalIgnoreCase) ? "true" : "false");
            case YamlTags.Int when GoScalarResolver.TryParseGoInteger(Plain(node.Value), out var integer):
                return new OutputValue(OutputKind.Int, integer.ToString(CultureInfo.InvariantCulture));
            case YamlTags.Int or YamlTags.Float when TryParseFloat(node.Value, out var number):
                return FromJsonNumber(GoFloatFormat.Json(number));
            default:
                return String(node.Value);
        }
    }

    /// <summary>How yaml.v2 reads back a JSON number: an integer when it parses as one, else a float.</summary>
    private static OutputValue FromJsonNumber(string json)
    {
        if (GoScalarResolver.TryParseGoInteger(json, out var integer) && !json.StartsWith('0'))
        {
            return new OutputValue(OutputKind.Int, integer.ToString(CultureInfo.InvariantCulture));
        }

        if (json == "0")
        {
            return new OutputValue(OutputKind.Int, "0");
        }

        var value = double.Parse(json, NumberStyles.Float, CultureInfo.InvariantCulture);
        return new OutputValue(OutputKind.Float, GoFloatFormat.G(value));
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
