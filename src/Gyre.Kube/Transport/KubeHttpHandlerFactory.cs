using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gyre.Kube.Config;

namespace Gyre.Kube.Transport;

/// <summary>
/// Builds the SocketsHttpHandler for one connection: CA trust, client certificate, tls-server-name, proxy,
/// HTTP/2 keep-alive pings so idle watches notice dead connections.
/// </summary>
internal static class KubeHttpHandlerFactory
{
    /// <summary>A handler for the connection; <paramref name="execCertificate"/> is the client certificate an exec plugin returned, if any.</summary>
    public static SocketsHttpHandler Create(KubeConnection connection, X509Certificate2? execCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            AllowAutoRedirect = false,
        };
        if (connection.Impersonate is { NeedsRepeatedHeaders: true })
        {
            // Several values of one header go on separate lines (HTTP/1.1) or fields (HTTP/2), as Go's net/http sends them.
            handler.PlaintextStreamFilter = (context, _) => context.NegotiatedHttpVersion.Major switch
            {
                1 => ValueTask.FromResult<Stream>(new RepeatedHeaderStream(context.PlaintextStream)),
                2 => ValueTask.FromResult<Stream>(new Http2RepeatedHeaderStream(context.PlaintextStream)),
                _ => throw new IOException($"HTTP/{context.NegotiatedHttpVersion} cannot carry repeated impersonation headers"),
            };
        }

        if (connection.ProxyUrl is not null)
        {
            handler.Proxy = new WebProxy(connection.ProxyUrl);
            handler.UseProxy = true;
        }

        if (connection.Server.Scheme != Uri.UriSchemeHttps)
        {
            return handler;
        }

        var trusted = LoadCertificateAuthorities(connection);
        var expectedName = connection.TlsServerName ?? connection.Server.IdnHost;
        handler.SslOptions = new SslClientAuthenticationOptions
        {
            TargetHost = connection.TlsServerName,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                connection.InsecureSkipTlsVerify || Validate(certificate, chain, errors, trusted, expectedName, connection.TlsServerName is not null),
        };

        var clientCertificate = LoadClientCertificate(connection);
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }
        else if (execCertificate is not null)
        {
            // A rotated certificate gets a new handler (KubeHttpTransport), so this one always presents the same.
            handler.SslOptions.ClientCertificates = [execCertificate];
        }

        return handler;
    }

    private static bool Validate(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors,
        X509Certificate2Collection? trusted, string expectedName, bool customName)
    {
        if (certificate is null)
        {
            return false;
        }

        if (trusted is null && !customName)
        {
            return errors == SslPolicyErrors.None;
        }

        var leaf = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        if (!leaf.MatchesHostname(expectedName, allowWildcards: true, allowCommonName: false))
        {
            return false;
        }

        if (trusted is null)
        {
            return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(leaf);
    }

    private static X509Certificate2Collection? LoadCertificateAuthorities(KubeConnection connection)
    {
        if (string.IsNullOrWhiteSpace(connection.CertificateAuthorityPem))
        {
            return null;
        }

        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(connection.CertificateAuthorityPem);
        }
        catch (CryptographicException e)
        {
            throw new KubeConfigException(null, "cluster.certificate-authority", $"is not a PEM certificate bundle: {e.Message}", e);
        }

        if (collection.Count == 0)
        {
            throw new KubeConfigException(null, "cluster.certificate-authority", "holds no PEM CERTIFICATE block");
        }

        return collection;
    }

    private static X509Certificate2? LoadClientCertificate(KubeConnection connection)
    {
        if (string.IsNullOrEmpty(connection.ClientCertificatePem) && string.IsNullOrEmpty(connection.ClientKeyPem))
        {
            return null;
        }

        if (string.IsNullOrEmpty(connection.ClientCertificatePem) || string.IsNullOrEmpty(connection.ClientKeyPem))
        {
            throw new KubeConfigException(null, "user.client-certificate, user.client-key", "both a client certificate and its key are required");
        }

        try
        {
            return X509Certificate2.CreateFromPem(connection.ClientCertificatePem, connection.ClientKeyPem);
        }
        catch (CryptographicException e)
        {
            throw new KubeConfigException(null, "user.client-certificate, user.client-key", $"cannot load the client certificate and key: {e.Message}", e);
        }
    }
}
