using System.Text.Json.Nodes;
using Gyre.Manifests;

namespace Gyre.Helm.Rendering;

/// <summary>The result of rendering a chart: what Helm stores in a release plus the parsed objects.</summary>
public sealed record RenderedRelease
{
    /// <summary>Non-hook documents in Helm's install order, each as "---\n# Source: path\ndoc\n" (Helm's release manifest).</summary>
    public required string Manifest { get; init; }

    /// <summary>Hooks, ordered by kind as Helm does (weights are applied when hooks run).</summary>
    public required IReadOnlyList<RenderedHook> Hooks { get; init; }

    /// <summary>The root chart's rendered NOTES.txt ("" when none).</summary>
    public string Notes { get; init; } = "";

    /// <summary>The objects of <see cref="Manifest"/>, in the same order.</summary>
    public required IReadOnlyList<KubeObject> Objects { get; init; }

    /// <summary>The objects of the crds/ directories of the chart and its enabled subcharts.</summary>
    public required IReadOnlyList<KubeObject> Crds { get; init; }

    /// <summary>The crds/ files as (path, text), the path as Helm names it ("mychart/crds/foo.yaml").</summary>
    public IReadOnlyList<(string Path, string Text)> CrdFiles { get; init; } = [];

    /// <summary>The values templates saw (Helm's "COMPUTED VALUES").</summary>
    public required JsonObject ComputedValues { get; init; }
}
