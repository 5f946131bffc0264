using System.Text.Json.Nodes;
using Gyre.Api.Helm;
using Gyre.Helm.Charts;
using Gyre.Helm.Rendering;

namespace Gyre.Controllers.HelmReleases;

/// <summary>What an install or upgrade deploys: the chart, the composed values and the HelmRelease asking for it.</summary>
internal sealed record ReleaseRequest(Chart Chart, JsonObject Values, HelmReleaseSpec Spec, string OwnerName, string OwnerNamespace)
{
    /// <summary>The target cluster's version and API versions (helm template's defaults until set).</summary>
    public Capabilities Capabilities { get; init; } = Capabilities.ForTemplate();

    /// <summary>Reads the capabilities again once the chart's CRDs are applied (Helm builds them after); null keeps <see cref="Capabilities"/>.</summary>
    public Func<CancellationToken, Task<Capabilities>>? ReadCapabilities { get; init; }

    /// <summary>Live reads for the template function lookup; null renders it empty.</summary>
    public IResourceLookup? Lookup { get; init; }
}
