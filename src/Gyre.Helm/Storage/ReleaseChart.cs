using System.Text;
using System.Text.Json.Nodes;
using Gyre.Helm.Charts;

namespace Gyre.Helm.Storage;

/// <summary>
/// The chart as Helm embeds it in a release (helm pkg/chart Chart's JSON form): Chart.yaml metadata, the lock,
/// templates and other files with their bytes, default values and the values schema.
/// </summary>
public sealed record ReleaseChart
{
    /// <summary>Chart.yaml as JSON (name, version, apiVersion, appVersion, ...).</summary>
    public JsonObject Metadata { get; init; } = [];

    /// <summary>Chart.lock as JSON, or null.</summary>
    public JsonObject? Lock { get; init; }

    public IReadOnlyList<ReleaseFile> Templates { get; init; } = [];

    public JsonObject Values { get; init; } = [];

    /// <summary>values.schema.json bytes, or null.</summary>
    public byte[]? Schema { get; init; }

    public IReadOnlyList<ReleaseFile> Files { get; init; } = [];

    public string Name => (string?)Metadata["name"] ?? string.Empty;

    public string Version => (string?)Metadata["version"] ?? string.Empty;

    public string AppVersion => (string?)Metadata["appVersion"] ?? string.Empty;

    /// <summary>The chart as Helm embeds it in a release (subcharts are not stored, as in Helm).</summary>
    public static ReleaseChart FromChart(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var metadata = chart.Metadata.Raw?.DeepClone() as JsonObject ?? new JsonObject
        {
            ["apiVersion"] = chart.Metadata.ApiVersion,
            ["name"] = chart.Metadata.Name,
            ["version"] = chart.Metadata.Version,
            ["appVersion"] = chart.Metadata.AppVersion,
        };
        metadata["version"] = chart.Metadata.Version;
        return new ReleaseChart
        {
            Metadata = metadata,
            Lock = chart.Lock?.DeepClone() as JsonObject,
            Templates = chart.Templates.Select(t => new ReleaseFile(t.Name, t.Data.ToArray())).ToList(),
            Values = (JsonObject)chart.Values.DeepClone(),
            Schema = chart.Schema is null ? null : Encoding.UTF8.GetBytes(chart.Schema),
            Files = chart.Files.Select(f => new ReleaseFile(f.Name, f.Data.ToArray())).ToList(),
        };
    }
}
