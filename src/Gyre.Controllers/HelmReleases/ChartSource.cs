using Gyre.Api.Meta;

namespace Gyre.Controllers.HelmReleases;

/// <summary>The chart artifact a HelmRelease deploys, status.helmChart (the generated HelmChart, spec.chart only) and the OCI digest (chartRef OCIRepository).</summary>
internal sealed record ChartSource(ArtifactStatus Artifact, string? HelmChart, string? OciDigest);
