using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Gyre.Sources.Http;

/// <summary>
/// HttpClients for registries and Helm repositories: system trust by default, or only the Secret's <c>ca.crt</c>
/// when given (as Flux's TLS config does); certificates are always verified, there is no skip-verify switch.
/// </summary>
public static class SourceHttpClient
{
    /// <summary>Creates a client; <paramref name="caCertificatePem"/> replaces the system roots when set.</summary>
    public static HttpClient Create(byte[]? caCertificatePem, TimeSpan timeout) => Create(caCertificatePem, null, null, timeout);

    /// <summary>Creates a client that also presents a client certificate (certSecretRef tls.crt + tls.key) for mutual TLS.</summary>
    public static HttpClient Create(byte[]? caCertificatePem, byte[]? clientCertificatePem, byte[]? clientKeyPem, TimeSpan timeout) =>
        Create(caCertificatePem, clientCertificatePem, clientKeyPem, null, timeout);

    /// <summary>Creates a client that also goes through <paramref name="proxy"/> (proxySecretRef) when set.</summary>
    public static HttpClient Create(byte[]? caCertificatePem, byte[]? clientCertificatePem, byte[]? clientKeyPem, System.Net.IWebProxy? proxy, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            Proxy = proxy,
            UseProxy = proxy is not null,
            AllowAutoRedirect = false, // redirects are followed by hand so credentials never follow to another host
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        if (caCertificatePem is { Length: > 0 })
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(System.Text.Encoding.ASCII.GetString(caCertificatePem));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }

        if (clientCertificatePem is { Length: > 0 } && clientKeyPem is { Length: > 0 })
        {
            using var pem = X509Certificate2.CreateFromPem(
                System.Text.Encoding.ASCII.GetString(clientCertificatePem), System.Text.Encoding.ASCII.GetString(clientKeyPem));
            // Re-imported so the private key is usable by the TLS stack on every platform (ephemeral PEM keys are not on all).
            handler.SslOptions.ClientCertificates = [X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null)];
        }

        return new HttpClient(handler) { Timeout = timeout };
    }
}
