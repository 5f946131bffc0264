using Gyre.Api.Meta;

namespace Gyre.Controllers.HelmReleases;

/// <summary>The chart artifact a HelmRelease deploys and the source object's name for status.helmChart.</summary>
internal sealed record ChartSource(ArtifactStatus Artifact, string? HelmChart, string? OciDigest);
