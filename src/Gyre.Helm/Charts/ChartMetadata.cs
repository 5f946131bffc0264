using System.Text.Json.Nodes;

namespace Gyre.Helm.Charts;

/// <summary>The content of Chart.yaml (Helm's chart.Metadata).</summary>
public sealed record ChartMetadata
{
    /// <summary>"v1" or "v2".</summary>
    public string ApiVersion { get; init; } = "v2";

    public required string Name { get; init; }

    public required string Version { get; init; }

    public string AppVersion { get; init; } = "";

    public string Description { get; init; } = "";

    /// <summary>"application" (default) or "library".</summary>
    public string Type { get; init; } = "";

    /// <summary>A semver constraint on the Kubernetes version ("&gt;=1.22.0-0").</summary>
    public string KubeVersion { get; init; } = "";

    public string Home { get; init; } = "";

    public string Icon { get; init; } = "";

    public string Condition { get; init; } = "";

    public string Tags { get; init; } = "";

    public bool Deprecated { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];

    public IReadOnlyList<string> Sources { get; init; } = [];

    public IReadOnlyList<ChartMaintainer> Maintainers { get; init; } = [];

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyList<ChartDependency> Dependencies { get; init; } = [];

    /// <summary>Chart.yaml as read (for release storage, which keeps Helm's JSON form of the metadata).</summary>
    public JsonObject? Raw { get; init; }

    /// <summary>Whether this is a library chart (renders no manifests, only provides defines).</summary>
    public bool IsLibrary => string.Equals(Type, "library", StringComparison.Ordinal);
}
