using Gyre.Api;
using Gyre.Api.Meta;
using Gyre.Api.Source;
using Gyre.Controllers.Common;
using Gyre.Controllers.HelmRepositories;
using Gyre.Controllers.Kustomizations;
using Gyre.Kube;
using Gyre.Manifests;
using Gyre.Sources;
using Gyre.Sources.Oci;

namespace Gyre.Controllers.HelmCharts;

/// <summary>
/// Reads a HelmChart's HelmRepository with its Secrets exactly as the HelmRepository reconciler does (basic auth,
/// certSecretRef CA and client certificate, passCredentials, insecure, timeout), so the chart download uses the same
/// credentials and TLS as the index; an OCI repository's docker-registry Secret is read as well.
/// </summary>
internal static class HelmChartRepository
{
    public static async Task<HelmRepositoryRef> ReadAsync(KubeClient client, KubeObject source, CancellationToken cancellationToken)
    {
        var where = $"HelmRepository '{source.Namespace}/{source.Name}'";
        HelmRepositorySpec spec;
        try
        {
            spec = HelmRepositorySpec.From(source);
        }
        catch (ApiException ex)
        {
            throw new ReconcileStepException(Reasons.ArtifactFailed, $"{where} is invalid: {ex.Message}", ex);
        }

        Sources.Helm.HelmRepositoryRequest access;
        try
        {
            access = await new HelmRepositorySecrets(client).RequestAsync(source, spec, cancellationToken).ConfigureAwait(false);
        }
        catch (SourceException ex)
        {
            throw new ReconcileStepException(SourceReasons.AuthenticationFailed, ex.Message, ex);
        }

        var repository = new HelmRepositoryRef(access, ArtifactStatus.FromJson(source.Json["status"]?["artifact"]));
        if (repository.IsOci && access.Credentials is null && spec.SecretRef is { } name)
        {
            var secret = await ObjectReader.GetAsync(client, "v1", "Secret", source.Namespace, name, cancellationToken).ConfigureAwait(false);
            if (secret is not null && ObjectReader.SecretData(secret).TryGetValue(".dockerconfigjson", out var docker))
            {
                var registry = OciReference.Parse(spec.Url, allowTagOrDigest: false).Registry;
                repository = repository with { Access = access with { Credentials = RegistryCredentials.FromDockerConfig(docker, registry) } };
            }
        }

        return repository;
    }
}
