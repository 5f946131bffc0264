namespace Gyre.Controllers.HelmCharts;

/// <summary>The media types `helm push` writes (helm pkg/registry constants.go).</summary>
internal static class HelmMediaTypes
{
    public const string Config = "application/vnd.cncf.helm.config.v1+json";
    public const string ChartContent = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

    /// <summary>The layer type of charts pushed by Helm before 3.8 (still accepted by Helm's pull).</summary>
    public const string LegacyChartContent = "application/tar+gzip";

    public const string Provenance = "application/vnd.cncf.helm.chart.provenance.v1.prov";
}
