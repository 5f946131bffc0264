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
    public static HttpClient Create(byte[]? caCertificatePem, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
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

        return new HttpClient(handler) { Timeout = timeout };
    }
}
