namespace Gyre.Controllers.HelmCharts;

/// <summary>source-controller's HelmChart condition reasons (api/v1/condition_types.go, helmchart_types.go).</summary>
internal static class ChartReasons
{
    public const string ChartPullSucceeded = "ChartPullSucceeded";
    public const string ChartPackageSucceeded = "ChartPackageSucceeded";
    public const string ChartPullError = "ChartPullError";
    public const string ChartPackageError = "ChartPackageError";
    public const string InvalidChartReference = "InvalidChartReference";
}
