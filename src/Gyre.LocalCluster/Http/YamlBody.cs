using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gyre.LocalCluster.Http;

/// <summary>
/// YAML request bodies (application/yaml, application/apply-patch+yaml) converted to JSON with YAML 1.1-ish plain
/// scalar typing as sigs.k8s.io/yaml does: unquoted true/false/null/numbers are typed, everything else is a string.
/// </summary>
internal static class YamlBody
{
    public static bool TryParse(string text, out JsonNode? node, out string error)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count != 1)
            {
                (node, error) = (null, "expected exactly one YAML document");
                return false;
            }

            node = Convert(stream.Documents[0].RootNode);
            error = string.Empty;
            return node is not null;
        }
        catch (YamlException ex)
        {
            (node, error) = (null, $"yaml: line {ex.Start.Line}: {ex.Message}");
            return false;
        }
    }

    private static JsonNode? Convert(YamlNode yaml) => yaml switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? string.Empty, Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && value.Any(char.IsDigit) && !value.StartsWith('.') && !value.EndsWith('.'))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(value);
    }
}
