using System.Text.Json.Nodes;

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

    public IReadOnlyList<ChartFile> Templates { get; init; } = [];

    public JsonObject Values { get; init; } = [];

    /// <summary>values.schema.json bytes, or null.</summary>
    public byte[]? Schema { get; init; }

    public IReadOnlyList<ChartFile> Files { get; init; } = [];

    public string Name => (string?)Metadata["name"] ?? string.Empty;

    public string Version => (string?)Metadata["version"] ?? string.Empty;

    public string AppVersion => (string?)Metadata["appVersion"] ?? string.Empty;
}
