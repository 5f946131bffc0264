using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Controllers.Kustomizations;
using Gyre.Manifests;
using Gyre.Manifests.Yaml;
using Gyre.Sources.Semver;

namespace Gyre.Controllers.HelmCharts;

/// <summary>A Helm repository index.yaml (helm pkg/repo IndexFile): chart name → versions with their URLs and digests.</summary>
internal sealed class HelmIndex
{
    private readonly JsonObject _entries;

    private HelmIndex(JsonObject entries) => _entries = entries;

    public static HelmIndex Parse(string yaml, string location)
    {
        JsonNode? root;
        try
        {
            root = YamlReader.ReadSingle(yaml, "index.yaml");
        }
        catch (ManifestException ex)
        {
            throw new ReconcileStepException(ChartReasons.ChartPullError, $"{location}: loading index.yaml: {ex.Message}", ex);
        }

        return root is JsonObject obj && obj["apiVersion"] is JsonValue
            ? new HelmIndex(obj["entries"] as JsonObject ?? [])
            : throw new ReconcileStepException(ChartReasons.ChartPullError, $"{location}: loading index.yaml: no apiVersion set; this is not a Helm repository index");
    }

    /// <summary>The highest version of <paramref name="chart"/> satisfying <paramref name="range"/> (helm repo Get with a constraint).</summary>
    public ChartVersionEntry Resolve(string chart, string range, string location)
    {
        if (_entries[chart] is not JsonArray versions || versions.Count == 0)
        {
            throw new ReconcileStepException(ChartReasons.ChartPullError, $"{location}: no chart name found: '{chart}' is not in index.yaml");
        }

        SemverConstraint constraint;
        try
        {
            constraint = SemverConstraint.Parse(range);
        }
        catch (FormatException ex)
        {
            throw new ReconcileStepException(Reasons.InvalidSpec, $"invalid chart version '{range}': {ex.Message}", ex);
        }

        var entries = versions.OfType<JsonObject>().Select(ChartVersionEntry.From).Where(e => e.Version.Length > 0).ToList();
        var best = SemverTags.Highest(entries.Select(e => e.Version), constraint)
            ?? throw new ReconcileStepException(ChartReasons.ChartPullError,
                $"{location}: no '{chart}' chart with version matching '{range}' found (versions: {string.Join(", ", entries.Select(e => e.Version).Take(10))})");
        return entries.First(e => e.Version == best);
    }
}
