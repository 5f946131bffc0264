using System.Text.Json.Nodes;

namespace Gyre.Helm.Values;

/// <summary>Reads a values document (values.yaml, -f files, valuesFrom keys) as Helm does: YAML 1.1, numbers as float64.</summary>
public static class ValuesFile
{
    /// <summary>Parses <paramref name="yaml"/>; an empty document is an empty object.</summary>
    /// <exception cref="HelmException">The text is not YAML or not a map; the message names <paramref name="source"/>.</exception>
    public static JsonObject Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return GoValues.ToJson(GoValues.ParseYaml(yaml, source));
    }
}
