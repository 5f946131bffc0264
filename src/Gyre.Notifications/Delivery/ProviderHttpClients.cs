using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Gyre.Notifications.Delivery;

/// <summary>
/// One HttpClient per distinct transport (proxy, CA, client certificate): certSecretRef's `ca.crt` becomes the only
/// trusted root for that Provider, `tls.crt`/`tls.key` a client certificate, spec.proxy the proxy.
/// </summary>
internal sealed class ProviderHttpClients : IDisposable
{
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    public HttpClient For(Providers.ProviderSettings settings) =>
        _clients.GetOrAdd($"{settings.Proxy}\n{settings.CaCertificate}\n{settings.ClientCertificate}", _ => Create(settings));

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private static HttpClient Create(Providers.ProviderSettings settings)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (settings.Proxy is { Length: > 0 } proxy)
        {
            handler.Proxy = ProxyFor(proxy);
            handler.UseProxy = true;
        }

        if (settings.CaCertificate is { Length: > 0 } ca)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(ca);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None && chain.Build(new X509Certificate2(certificate));
            };
        }

        if (settings is { ClientCertificate: { Length: > 0 } crt, ClientKey: { Length: > 0 } key })
        {
            handler.SslOptions.ClientCertificates = [X509Certificate2.CreateFromPem(crt, key)];
        }

        // Per-request timeouts come from the Provider (spec.timeout), through a linked cancellation token.
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>spec.proxy: an http(s) proxy URL whose user-info, if any, answers the proxy's Basic challenge.</summary>
    private static WebProxy ProxyFor(string address)
    {
        var uri = new Uri(address);
        var user = uri.UserInfo;
        var colon = user.IndexOf(':', StringComparison.Ordinal);
        return new WebProxy(new UriBuilder(uri) { UserName = "", Password = "" }.Uri)
        {
            // Proxy every request, loopback included: the Provider asked for it.
            BypassProxyOnLocal = false,
            Credentials = user.Length == 0 ? null : new NetworkCredential(
                Uri.UnescapeDataString(colon < 0 ? user : user[..colon]), colon < 0 ? "" : Uri.UnescapeDataString(user[(colon + 1)..])),
        };
    }
}
