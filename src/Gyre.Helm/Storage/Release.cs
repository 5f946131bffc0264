using System.Text.Json.Nodes;

namespace Gyre.Helm.Storage;

/// <summary>
/// One revision of a Helm release as Helm 3 stores it (helm pkg/release Release): what was installed, with which
/// values, and how it went. Serialized by <see cref="ReleaseJson"/> in Helm's own JSON schema.
/// </summary>
public sealed record Release
{
    public required string Name { get; init; }

    public required string Namespace { get; init; }

    /// <summary>The revision, 1 for the first install.</summary>
    public required int Version { get; init; }

    public required ReleaseInfo Info { get; init; }

    public required ReleaseChart Chart { get; init; }

    /// <summary>The user-supplied values (Helm's "config"), not the chart defaults.</summary>
    public JsonObject Config { get; init; } = [];

    /// <summary>The rendered manifests (hooks excluded), as `helm get manifest` prints them.</summary>
    public string Manifest { get; init; } = string.Empty;

    public IReadOnlyList<ReleaseHook> Hooks { get; init; } = [];

    /// <summary>Custom labels on the storage object (Helm ≥3.13 --labels); system labels excluded.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How the objects were written, as Helm 4 records it: "ssa" (server-side apply) or "csa" (client-side); null when not recorded (Helm 3).</summary>
    public string? ApplyMethod { get; init; }

    public string Key => ReleaseSecret.NameOf(Name, Version);
}
