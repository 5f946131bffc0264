using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Manifests.Yaml;

namespace Gyre.Cli.Output;

/// <summary>`-o table|json|yaml`: tables for people, JSON and YAML (kubectl's List for many objects) for scripts.</summary>
internal static class OutputFormat
{
    public const string Table = "table";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Option<string> Create()
    {
        var option = new Option<string>("--output", "-o") { Description = "Output format: table, json or yaml", DefaultValueFactory = _ => Table };
        option.AcceptOnlyFromAmong(Table, "json", "yaml");
        return option;
    }

    public static string Write(string format, IReadOnlyList<JsonObject> objects, bool single)
    {
        JsonNode document = single && objects.Count == 1
            ? objects[0].DeepClone()
            : new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray(objects.Select(o => (JsonNode)o.DeepClone()).ToArray()) };
        return format == "yaml" ? YamlWriter.Write(document) : document.ToJsonString(Indented) + "\n";
    }
}
