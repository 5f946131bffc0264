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
/// A Bucket's S3 client from its spec and Secrets, as source-controller's minio provider builds it: static keys from
/// secretRef (<c>accesskey</c>, <c>secretkey</c>); for provider aws without secretRef the process environment's
/// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN (Gyre makes no cloud metadata calls); certSecretRef
/// (ca.crt, tls.crt, tls.key); proxySecretRef; insecure, region (us-east-1 for signing when unset) and timeout.
/// </summary>
internal sealed class BucketClientSettings(KubeClient client, Func<string, string?> environment, TimeProvider time)
{
    public async Task<S3ClientOptions> ReadAsync(KubeObject obj, BucketSpec spec, CancellationToken cancellationToken)
    {
        var where = $"{BucketSpec.Kind}/{obj.Namespace}/{obj.Name}";
        var credentials = spec.SecretRef is { } name
            ? StaticKeys(await SecretDataAsync(obj, name, "spec.secretRef", cancellationToken).ConfigureAwait(false), name, where)
            : spec.Provider == "aws" ? EnvironmentKeys(where) : null;
        byte[]? ca = null, cert = null, key = null;
        if (spec.CertSecretRef is { } certName)
        {
            var data = await SecretDataAsync(obj, certName, "spec.certSecretRef", cancellationToken).ConfigureAwait(false);
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
            ? SourceProxy.FromSecret(await SecretDataAsync(obj, proxyName, "spec.proxySecretRef", cancellationToken).ConfigureAwait(false), where)
            : null;
        return new S3ClientOptions
        {
            Endpoint = spec.Endpoint,
            BucketName = spec.BucketName,
            Insecure = spec.Insecure,
            Region = spec.Region ?? "us-east-1",
            Credentials = credentials,
            CaCertificate = ca,
            ClientCertificate = cert,
            ClientKey = key,
            Proxy = proxy,
            Timeout = spec.Timeout,
            Time = time,
        };
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
