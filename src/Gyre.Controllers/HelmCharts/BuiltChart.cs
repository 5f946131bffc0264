namespace Gyre.Controllers.HelmCharts;

/// <summary>
/// A chart ready to store: the package, its name and (possibly build-metadata'd) version, and how it was made; or,
/// when <paramref name="Cached"/>, the note that the stored artifact already is this chart.
/// </summary>
internal sealed record BuiltChart(ChartArchive? Archive, byte[]? Package, string Name, string Version, bool Packaged, string? SourceRevision, bool Cached = false)
{
    /// <summary>Flux's Ready message for the artifact.</summary>
    public string Message => Packaged ? $"packaged '{Name}' chart with version '{Version}'" : $"pulled '{Name}' chart with version '{Version}'";

    public string Reason => Packaged ? ChartReasons.ChartPackageSucceeded : ChartReasons.ChartPullSucceeded;
}
