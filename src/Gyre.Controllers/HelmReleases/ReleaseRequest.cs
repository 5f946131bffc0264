using System.Text.Json.Nodes;
using Gyre.Api.Helm;
using Gyre.Helm.Charts;

namespace Gyre.Controllers.HelmReleases;

/// <summary>What an install or upgrade deploys: the chart, the composed values and the HelmRelease asking for it.</summary>
internal sealed record ReleaseRequest(Chart Chart, JsonObject Values, HelmReleaseSpec Spec, string OwnerName, string OwnerNamespace);
