using System.Text.Json.Nodes;

namespace Gyre.Helm.Charts;

/// <summary>A dependency declared in Chart.yaml (v2) or requirements.yaml (v1).</summary>
public sealed record ChartDependency
{
    public required string Name { get; init; }

    /// <summary>A version or semver range ("~1.2.0", "^2", ">=1.0 <2.0").</summary>
    public string Version { get; init; } = "";

    public string Repository { get; init; } = "";

    /// <summary>Comma-separated values paths; the first one that resolves to a bool enables or disables the dependency.</summary>
    public string Condition { get; init; } = "";

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Whether the dependency is enabled (set by condition/tags processing; true by default).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>import-values entries: strings ("data") or objects ({child: ..., parent: ...}).</summary>
    public JsonArray? ImportValues { get; init; }

    public string Alias { get; init; } = "";
}
