using System.Text;
using Gyre.Api.Source;
using Gyre.Controllers.Common;
using Gyre.Kube;
using Gyre.Manifests;
using Gyre.Sources;
using Gyre.Sources.Buckets;
using Gyre.Sources.Http;

namespace Gyre.Controllers.Buckets;

/// <summary>
/// A Bucket's client from its spec and Secrets, as source-controller's minio and azure providers build it: for S3,
/// static keys from secretRef (<c>accesskey</c>, <c>secretkey</c>), and for provider aws without secretRef the process
/// environment's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN (Gyre makes no cloud metadata calls);
/// for azure, secretRef's <c>accountKey</c> or <c>sasKey</c>; certSecretRef (ca.crt, tls.crt, tls.key);
/// proxySecretRef; insecure, region (us-east-1 for signing when unset) and timeout.
/// </summary>
internal sealed class BucketClientSettings(KubeClient client, Func<string, string?> environment, TimeProvider time)
{
    private static readonly string[] AzureIdentityKeys = ["clientSecret", "clientCertificate", "clientId", "tenantId", "resourceId"];

    /// <summary>The provider's client: S3 (generic, aws) or Azure Blob (azure).</summary>
    public async Task<IBucketClient> CreateAsync(KubeObject obj, BucketSpec spec, CancellationToken cancellationToken)
    {
        var where = $"{BucketSpec.Kind}/{obj.Namespace}/{obj.Name}";
        var secret = spec.SecretRef is { } name ? await SecretDataAsync(obj, name, "spec.secretRef", cancellationToken).ConfigureAwait(false) : null;
        var tls = await TlsAsync(obj, spec, where, cancellationToken).ConfigureAwait(false);
        var proxy = spec.ProxySecretRef is { } proxyName
            ? SourceProxy.FromSecret(await SecretDataAsync(obj, proxyName, "spec.proxySecretRef", cancellationToken).ConfigureAwait(false), where)
            : null;
        if (spec.Provider == "azure")
        {
            var (accountKey, sas) = AzureKeys(secret, spec.SecretRef, where);
            return new AzureBlobClient(new AzureBlobClientOptions
            {
                Endpoint = spec.Endpoint,
                Container = spec.BucketName,
                Insecure = spec.Insecure,
                AccountKey = accountKey,
                SasToken = sas,
                CaCertificate = tls.Ca,
                ClientCertificate = tls.Cert,
                ClientKey = tls.Key,
                Proxy = proxy,
                Timeout = spec.Timeout,
                Time = time,
            });
        }

        return new S3Client(new S3ClientOptions
        {
            Endpoint = spec.Endpoint,
            BucketName = spec.BucketName,
            Insecure = spec.Insecure,
            Region = spec.Region ?? "us-east-1",
            RegionPinned = spec.Region is not null,
            Credentials = secret is not null ? StaticKeys(secret, spec.SecretRef!, where) : spec.Provider == "aws" ? EnvironmentKeys(where) : null,
            CaCertificate = tls.Ca,
            ClientCertificate = tls.Cert,
            ClientKey = tls.Key,
            Proxy = proxy,
            Timeout = spec.Timeout,
            Time = time,
        });
    }

    private async Task<(byte[]? Ca, byte[]? Cert, byte[]? Key)> TlsAsync(KubeObject obj, BucketSpec spec, string where, CancellationToken cancellationToken)
    {
        if (spec.CertSecretRef is not { } certName)
        {
            return default;
        }

        var data = await SecretDataAsync(obj, certName, "spec.certSecretRef", cancellationToken).ConfigureAwait(false);
        var (ca, cert, key) = (data.GetValueOrDefault("ca.crt"), data.GetValueOrDefault("tls.crt"), data.GetValueOrDefault("tls.key"));
        if ((cert is null) != (key is null))
        {
            throw new SourceException(where, "reading spec.certSecretRef", $"Secret '{certName}' must hold both tls.crt and tls.key, or neither",
                SourceReasons.AuthenticationFailed);
        }

        return (ca, cert, key);
    }

    /// <summary>Flux's azure Secret keys that Gyre can use: accountKey (Shared Key) or sasKey; identities are refused by name.</summary>
    private static (byte[]? AccountKey, string? Sas) AzureKeys(IReadOnlyDictionary<string, byte[]>? data, string? name, string where)
    {
        const string Hint = "set spec.secretRef to a Secret with accountKey or sasKey";
        if (data is null)
        {
            throw new SourceException(where, "finding Azure credentials",
                $"no credentials: Gyre does not use managed or workload identity; {Hint}", SourceReasons.AuthenticationFailed);
        }

        if (data.TryGetValue("accountKey", out var accountKey))
        {
            try
            {
                return (Convert.FromBase64String(Encoding.UTF8.GetString(accountKey).Trim()), null);
            }
            catch (FormatException ex)
            {
                throw new SourceException(where, "reading spec.secretRef", $"Secret '{name}' key accountKey is not base64 (copy the storage account key as shown)",
                    SourceReasons.AuthenticationFailed, inner: ex);
            }
        }

        if (data.TryGetValue("sasKey", out var sas))
        {
            return (null, Encoding.UTF8.GetString(sas).Trim());
        }

        var identity = AzureIdentityKeys.FirstOrDefault(data.ContainsKey);
        throw new SourceException(where, "reading spec.secretRef", identity is null
            ? $"Secret '{name}' has neither accountKey nor sasKey; {Hint}"
            : $"Secret '{name}' holds {identity}: Azure AD / managed identity authentication is not supported by Gyre; {Hint}", SourceReasons.AuthenticationFailed);
    }

    private static AwsCredentials StaticKeys(IReadOnlyDictionary<string, byte[]> data, string name, string where)
    {
        if (!data.TryGetValue("accesskey", out var access) || !data.TryGetValue("secretkey", out var secret) || access.Length == 0 || secret.Length == 0)
        {
            throw new SourceException(where, "reading spec.secretRef", $"Secret '{name}' must hold the keys 'accesskey' and 'secretkey'",
                SourceReasons.AuthenticationFailed);
        }

        return new AwsCredentials(Encoding.UTF8.GetString(access).Trim(), Encoding.UTF8.GetString(secret).Trim());
    }

    private AwsCredentials EnvironmentKeys(string where)
    {
        var access = environment("AWS_ACCESS_KEY_ID");
        var secret = environment("AWS_SECRET_ACCESS_KEY");
        if (string.IsNullOrEmpty(access) || string.IsNullOrEmpty(secret))
        {
            throw new SourceException(where, "finding AWS credentials",
                "no credentials: spec.secretRef is not set and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not in the controller's environment "
                + "(Gyre does not call cloud metadata services); set spec.secretRef to a Secret with accesskey and secretkey",
                SourceReasons.AuthenticationFailed);
        }

        var token = environment("AWS_SESSION_TOKEN");
        return new AwsCredentials(access, secret, string.IsNullOrEmpty(token) ? null : token);
    }

    private async Task<IReadOnlyDictionary<string, byte[]>> SecretDataAsync(KubeObject obj, string name, string field, CancellationToken cancellationToken)
    {
        var secret = await ObjectReader.GetAsync(client, "v1", "Secret", obj.Namespace, name, cancellationToken).ConfigureAwait(false)
            ?? throw new SourceException($"{BucketSpec.Kind}/{obj.Namespace}/{obj.Name}", $"reading {field}",
                $"Secret '{name}' not found; create it in namespace '{obj.Namespace}'", SourceReasons.AuthenticationFailed, isTransient: true);
        return ObjectReader.SecretData(secret);
    }
}
