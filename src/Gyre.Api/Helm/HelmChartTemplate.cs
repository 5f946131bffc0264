using System.Text.Json.Nodes;
using Gyre.Api.Meta;

namespace Gyre.Api.Helm;

/// <summary>spec.chart: what the HelmChart the controller creates (<c>&lt;ns&gt;-&lt;name&gt;</c>) should look like.</summary>
public sealed record HelmChartTemplate
{
    public required string Chart { get; init; }

    public string Version { get; init; } = "*";

    public required string SourceKind { get; init; }

    public required string SourceName { get; init; }

    public required string SourceNamespace { get; init; }

    public TimeSpan? Interval { get; init; }

    public string? ReconcileStrategy { get; init; }

    public IReadOnlyList<string> ValuesFiles { get; init; } = [];

    public bool IgnoreMissingValuesFiles { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    internal static HelmChartTemplate From(SpecReader reader, JsonObject chart, string ns)
    {
        var spec = chart["spec"] as JsonObject ?? throw new ApiException(reader.Where, "spec.chart.spec", "is required");
        var source = spec["sourceRef"] as JsonObject ?? throw new ApiException(reader.Where, "spec.chart.spec.sourceRef", "is required");
        return new HelmChartTemplate
        {
            Chart = reader.Required(spec, "chart", "spec.chart.spec.chart"),
            Version = SpecReader.String(spec["version"]) is { Length: > 0 } v ? v : "*",
            SourceKind = reader.Required(source, "kind", "spec.chart.spec.sourceRef.kind"),
            SourceName = reader.Required(source, "name", "spec.chart.spec.sourceRef.name"),
            SourceNamespace = SpecReader.String(source["namespace"]) is { Length: > 0 } sn ? sn : ns,
            Interval = reader.Duration(spec, "interval", "spec.chart.spec.interval"),
            ReconcileStrategy = SpecReader.String(spec["reconcileStrategy"]),
            ValuesFiles = SpecReader.Strings(spec["valuesFiles"]),
            IgnoreMissingValuesFiles = SpecReader.Bool(spec["ignoreMissingValuesFiles"]),
            Labels = SpecReader.StringMap(chart["metadata"]?["labels"]),
            Annotations = SpecReader.StringMap(chart["metadata"]?["annotations"]),
        };
    }
}
