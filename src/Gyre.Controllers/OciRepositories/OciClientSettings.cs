using System.Text.Json.Nodes;
using Gyre.Api.Source;
using Gyre.Controllers.Common;
using Gyre.Kube;
using Gyre.Manifests;
using Gyre.Sources;
using Gyre.Sources.Http;
using Gyre.Sources.Oci;

namespace Gyre.Controllers.OciRepositories;

/// <summary>
/// An OCIRepository's registry settings from its Secrets, as source-controller builds its keychain and transport:
/// secretRef (kubernetes.io/dockerconfigjson), else the imagePullSecrets of serviceAccountName; certSecretRef
/// (ca.crt, tls.crt, tls.key); proxySecretRef (address, username, password); insecure and timeout from spec.
/// </summary>
internal sealed class OciClientSettings(KubeClient client, RegistryTokenCache tokens)
{
    public Task<OciClientOptions> ReadAsync(KubeObject obj, OciRepositorySpec spec, string registry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return ReadAsync(obj, new RegistryAccess(spec.SecretRef, spec.ServiceAccountName, spec.CertSecretRef, spec.ProxySecretRef, spec.Insecure, spec.Timeout),
            registry, cancellationToken);
    }

    /// <summary>The same settings for any kind with these fields (ImageRepository has them too).</summary>
    public async Task<OciClientOptions> ReadAsync(KubeObject obj, RegistryAccess spec, string registry, CancellationToken cancellationToken)
    {
        var where = $"{obj.Kind}/{obj.Namespace}/{obj.Name}";
        var credentials = spec.SecretRef is { } name
            ? CredentialsFrom(await SecretAsync(obj, name, "spec.secretRef", cancellationToken).ConfigureAwait(false), registry, where, "spec.secretRef")
            : spec.ServiceAccountName is { } sa ? await ServiceAccountCredentialsAsync(obj, sa, registry, where, cancellationToken).ConfigureAwait(false) : null;
        byte[]? ca = null, cert = null, key = null;
        if (spec.CertSecretRef is { } certName)
        {
            var data = ObjectReader.SecretData(await SecretAsync(obj, certName, "spec.certSecretRef", cancellationToken).ConfigureAwait(false));
            ca = data.GetValueOrDefault("ca.crt");
            cert = data.GetValueOrDefault("tls.crt");
            key = data.GetValueOrDefault("tls.key");
            if ((cert is null) != (key is null))
            {
                throw new SourceException(where, "reading spec.certSecretRef", $"Secret '{certName}' must hold both tls.crt and tls.key, or neither",
                    SourceReasons.AuthenticationFailed);
            }
        }

        var proxy = spec.ProxySecretRef is { } proxyName
            ? SourceProxy.FromSecret(ObjectReader.SecretData(await SecretAsync(obj, proxyName, "spec.proxySecretRef", cancellationToken).ConfigureAwait(false)), where)
            : null;
        return new OciClientOptions
        {
            Credentials = credentials,
            CaCertificate = ca,
            ClientCertificate = cert,
            ClientKey = key,
            Proxy = proxy,
            Insecure = spec.Insecure,
            Timeout = spec.Timeout,
            TokenCache = tokens,
        };
    }

    private async Task<KubeObject> SecretAsync(KubeObject obj, string name, string field, CancellationToken cancellationToken) =>
        await ObjectReader.GetAsync(client, "v1", "Secret", obj.Namespace, name, cancellationToken).ConfigureAwait(false)
            ?? throw new SourceException($"{obj.Kind}/{obj.Namespace}/{obj.Name}", $"reading {field}",
                $"Secret '{name}' not found; create it in namespace '{obj.Namespace}'", SourceReasons.AuthenticationFailed, isTransient: true);

    private static RegistryCredentials? CredentialsFrom(KubeObject secret, string registry, string where, string field)
    {
        var data = ObjectReader.SecretData(secret);
        if (!data.TryGetValue(".dockerconfigjson", out var config))
        {
            throw new SourceException(where, $"reading {field}", $"Secret '{secret.Name}' has no .dockerconfigjson key; create it with kubectl create secret docker-registry",
                SourceReasons.AuthenticationFailed);
        }

        // No entry for this registry means anonymous access, as go-containerregistry's keychain resolves it.
        return RegistryCredentials.FromDockerConfig(config, registry);
    }

    /// <summary>The first imagePullSecret of the service account with an entry for the registry (Flux's serviceAccountName).</summary>
    private async Task<RegistryCredentials?> ServiceAccountCredentialsAsync(KubeObject obj, string name, string registry, string where, CancellationToken cancellationToken)
    {
        var account = await ObjectReader.GetAsync(client, "v1", "ServiceAccount", obj.Namespace, name, cancellationToken).ConfigureAwait(false)
            ?? throw new SourceException(where, "reading spec.serviceAccountName", $"ServiceAccount '{name}' not found in namespace '{obj.Namespace}'",
                SourceReasons.AuthenticationFailed, isTransient: true);
        foreach (var pull in (account.Json["imagePullSecrets"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if ((string?)pull["name"] is not { } secretName)
            {
                continue;
            }

            var secret = await SecretAsync(obj, secretName, $"imagePullSecrets of ServiceAccount '{name}'", cancellationToken).ConfigureAwait(false);
            if (ObjectReader.SecretData(secret).ContainsKey(".dockerconfigjson")
                && CredentialsFrom(secret, registry, where, "imagePullSecrets") is { } found)
            {
                return found;
            }
        }

        return null;
    }
}
