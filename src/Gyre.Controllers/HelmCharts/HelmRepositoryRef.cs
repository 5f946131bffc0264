using Gyre.Api.Meta;
using Gyre.Sources.Helm;

namespace Gyre.Controllers.HelmCharts;

/// <summary>
/// What a HelmChart needs from its HelmRepository: the URL, type, credentials and TLS keys (read from its Secrets as
/// the HelmRepository reconciler reads them) and the stored index artifact.
/// </summary>
internal sealed record HelmRepositoryRef(HelmRepositoryRequest Access, ArtifactStatus? Artifact)
{
    public string Url => Access.Url;

    public bool IsOci => Access.Type == "oci" || Url.StartsWith("oci://", StringComparison.Ordinal);
}
