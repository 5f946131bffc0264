using System.Text.Json.Nodes;

namespace Gyre.Helm.Charts;

/// <summary>
/// A loaded Helm chart (Helm's chart.Chart): metadata, templates, other files, default values, the values schema and
/// its subcharts from charts/. Immutable: dependency processing (conditions, tags, aliases) happens at render time.
/// </summary>
public sealed class Chart
{
    public required ChartMetadata Metadata { get; init; }

    /// <summary>Files under templates/ (partials "_*.tpl" and NOTES.txt included), named "templates/...".</summary>
    public IReadOnlyList<ChartFile> Templates { get; init; } = [];

    /// <summary>Every other file of the chart (crds/, README, files read by .Files), excluding Chart.yaml, values.yaml,
    /// values.schema.json, Chart.lock, requirements.* and charts/.</summary>
    public IReadOnlyList<ChartFile> Files { get; init; } = [];

    /// <summary>The chart's values.yaml (empty when absent).</summary>
    public JsonObject Values { get; init; } = [];

    /// <summary>values.schema.json as text, or null.</summary>
    public string? Schema { get; init; }

    /// <summary>Chart.lock (or requirements.lock) as read, or null.</summary>
    public JsonObject? Lock { get; init; }

    /// <summary>Subcharts found in charts/ (directories and archives).</summary>
    public IReadOnlyList<Chart> Dependencies { get; init; } = [];

    public string Name => Metadata.Name;

    /// <summary>The files under crds/ (installed before templates; not templated).</summary>
    public IReadOnlyList<ChartFile> Crds =>
        Files.Where(f => f.Name.StartsWith("crds/", StringComparison.Ordinal) && IsYamlOrJson(f.Name)).ToList();

    private static bool IsYamlOrJson(string name) =>
        name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal);

    /// <summary>A copy with other metadata or dependencies (used by dependency processing).</summary>
    internal Chart With(ChartMetadata? metadata = null, IReadOnlyList<Chart>? dependencies = null, JsonObject? values = null) => new()
    {
        Metadata = metadata ?? Metadata,
        Templates = Templates,
        Files = Files,
        Values = values ?? Values,
        Schema = Schema,
        Lock = Lock,
        Dependencies = dependencies ?? Dependencies,
    };

    public override string ToString() => Metadata.Name + "-" + Metadata.Version;
}
