using System.Text;
using System.Text.Json.Nodes;
using Gyre.Helm.Charts;
using Gyre.Helm.Rendering;
using Gyre.Helm.Values;

namespace Gyre.Helm.Tests;

/// <summary>Small charts built in code for rule-level renderer tests.</summary>
internal static class InlineCharts
{
    public static Chart Make(string name, Dictionary<string, string> templates, string values = "", string? schema = null,
        Dictionary<string, string>? files = null, IReadOnlyList<Chart>? deps = null, string type = "") => new()
    {
        Metadata = new ChartMetadata { Name = name, Version = "0.1.0", AppVersion = "1.0", Type = type },
        Templates = templates.Select(kv => new ChartFile(kv.Key, Encoding.UTF8.GetBytes(kv.Value))).ToList(),
        Files = (files ?? []).Select(kv => new ChartFile(kv.Key, Encoding.UTF8.GetBytes(kv.Value))).ToList(),
        Values = ValuesFile.Parse(values, name),
        Schema = schema,
        Dependencies = deps ?? [],
    };

    public static RenderedRelease Render(Chart chart, JsonObject? values = null, ReleaseOptions? release = null, IResourceLookup? lookup = null) =>
        HelmRenderer.Render(chart, values, release ?? new ReleaseOptions { Name = "rel", Namespace = "ns" }, Capabilities.ForTemplate(), lookup, CancellationToken.None);

    public static JsonObject Set(string expression)
    {
        var v = new JsonObject();
        SetValuesParser.ParseSet(expression, v);
        return v;
    }
}
