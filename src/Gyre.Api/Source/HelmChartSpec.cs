using Gyre.Api.Meta;
using Gyre.Manifests;

namespace Gyre.Api.Source;

/// <summary>source.toolkit.fluxcd.io/v1 HelmChart spec (source-controller api/v1/helmchart_types.go).</summary>
public sealed record HelmChartSpec
{
    public const string Kind = "HelmChart";
    public const string ReconcileChartVersion = "ChartVersion";
    public const string ReconcileRevision = "Revision";

    /// <summary>The chart name (HelmRepository) or the chart's path in the source artifact (GitRepository, Bucket).</summary>
    public required string Chart { get; init; }

    /// <summary>A semver range; ignored for GitRepository and Bucket sources.</summary>
    public string Version { get; init; } = "*";

    /// <summary>HelmRepository, GitRepository or Bucket, in the HelmChart's namespace.</summary>
    public required string SourceKind { get; init; }

    public required string SourceName { get; init; }

    public required TimeSpan Interval { get; init; }

    public string ReconcileStrategy { get; init; } = ReconcileChartVersion;

    /// <summary>Values files inside the chart (or source), merged in order into the packaged chart's values.yaml.</summary>
    public IReadOnlyList<string> ValuesFiles { get; init; } = [];

    public bool IgnoreMissingValuesFiles { get; init; }

    public bool Suspend { get; init; }

    /// <summary>verify.provider when spec.verify is set (cosign or notation).</summary>
    public string? VerifyProvider { get; init; }

    public static HelmChartSpec From(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var reader = new SpecReader(obj);
        var spec = reader.Spec;
        var source = spec["sourceRef"] as System.Text.Json.Nodes.JsonObject ?? throw new ApiException(reader.Where, "spec.sourceRef", "is required");
        var kind = reader.Required(source, "kind", "spec.sourceRef.kind");
        if (kind is not ("HelmRepository" or "GitRepository" or "Bucket"))
        {
            throw new ApiException(reader.Where, "spec.sourceRef.kind", $"'{kind}' is not HelmRepository, GitRepository or Bucket");
        }

        var strategy = SpecReader.String(spec["reconcileStrategy"]) ?? ReconcileChartVersion;
        if (strategy is not (ReconcileChartVersion or ReconcileRevision))
        {
            throw new ApiException(reader.Where, "spec.reconcileStrategy", $"'{strategy}' is not ChartVersion or Revision");
        }

        return new HelmChartSpec
        {
            Chart = reader.Required(spec, "chart", "spec.chart"),
            Version = SpecReader.String(spec["version"]) is { Length: > 0 } v ? v : "*",
            SourceKind = kind,
            SourceName = reader.Required(source, "name", "spec.sourceRef.name"),
            Interval = reader.Duration(spec, "interval", "spec.interval") ?? throw new ApiException(reader.Where, "spec.interval", "is required"),
            ReconcileStrategy = strategy,
            ValuesFiles = SpecReader.Strings(spec["valuesFiles"]),
            IgnoreMissingValuesFiles = SpecReader.Bool(spec["ignoreMissingValuesFiles"]),
            Suspend = SpecReader.Bool(spec["suspend"]),
            VerifyProvider = spec["verify"] is System.Text.Json.Nodes.JsonObject verify ? SpecReader.String(verify["provider"]) ?? "cosign" : null,
        };
    }
}
