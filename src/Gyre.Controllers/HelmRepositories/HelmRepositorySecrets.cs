using Gyre.Api.Source;
using Gyre.Controllers.Common;
using Gyre.Kube;
using Gyre.Manifests;
using Gyre.Sources;
using Gyre.Sources.Artifacts;
using Gyre.Sources.Helm;
using Gyre.Sources.Oci;

namespace Gyre.Controllers.HelmRepositories;

/// <summary>
/// A HelmRepository's request with its Secrets read as source-controller reads them: secretRef username/password
/// (and the deprecated caFile/certFile/keyFile), certSecretRef ca.crt/tls.crt/tls.key taking precedence for TLS.
/// </summary>
internal sealed class HelmRepositorySecrets(KubeClient client)
{
    public async Task<HelmRepositoryRequest> RequestAsync(KubeObject obj, HelmRepositorySpec spec, CancellationToken cancellationToken)
    {
        var where = $"{HelmRepositorySpec.Kind}/{obj.Namespace}/{obj.Name}";
        RegistryCredentials? credentials = null;
        byte[]? ca = null, cert = null, key = null;
        if (spec.SecretRef is { } name)
        {
            var data = await DataAsync(obj, name, "spec.secretRef", cancellationToken).ConfigureAwait(false);
            var user = data.GetValueOrDefault("username");
            var password = data.GetValueOrDefault("password");
            if ((user is null) != (password is null))
            {
                throw new SourceException(where, "reading spec.secretRef", $"Secret '{name}' must hold both username and password, or neither",
                    SourceReasons.AuthenticationFailed);
            }

            credentials = user is null ? null : new RegistryCredentials(ObjectReader.Text(user), ObjectReader.Text(password!));
            (ca, cert, key) = (data.GetValueOrDefault("caFile"), data.GetValueOrDefault("certFile"), data.GetValueOrDefault("keyFile"));
        }

        if (spec.CertSecretRef is { } certName)
        {
            var data = await DataAsync(obj, certName, "spec.certSecretRef", cancellationToken).ConfigureAwait(false);
            (ca, cert, key) = (data.GetValueOrDefault("ca.crt"), data.GetValueOrDefault("tls.crt"), data.GetValueOrDefault("tls.key"));
        }

        if ((cert is null) != (key is null))
        {
            throw new SourceException(where, "reading TLS keys", "a client certificate needs both tls.crt and tls.key", SourceReasons.AuthenticationFailed);
        }

        return new HelmRepositoryRequest
        {
            Key = new ArtifactKey(HelmRepositorySpec.Kind, obj.Namespace!, obj.Name),
            Url = spec.Url,
            Type = spec.Type,
            Credentials = credentials,
            PassCredentials = spec.PassCredentials,
            CaCertificate = ca,
            ClientCertificate = cert,
            ClientKey = key,
            Insecure = spec.Insecure,
            Timeout = spec.Timeout,
        };
    }

    private async Task<IReadOnlyDictionary<string, byte[]>> DataAsync(KubeObject obj, string name, string field, CancellationToken cancellationToken)
    {
        var secret = await ObjectReader.GetAsync(client, "v1", "Secret", obj.Namespace, name, cancellationToken).ConfigureAwait(false)
            ?? throw new SourceException($"{HelmRepositorySpec.Kind}/{obj.Namespace}/{obj.Name}", $"reading {field}",
                $"Secret '{name}' not found; create it in namespace '{obj.Namespace}'", SourceReasons.AuthenticationFailed, isTransient: true);
        return ObjectReader.SecretData(secret);
    }
}
