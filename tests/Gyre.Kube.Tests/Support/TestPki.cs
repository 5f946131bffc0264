using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gyre.Kube.Tests.Support;

/// <summary>A throw-away CA with a server certificate (127.0.0.1 and kube.example) and a client certificate.</summary>
public sealed class TestPki : IDisposable
{
    public TestPki(string serverDnsName = "kube.example")
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=gyre-test-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        Ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        var sans = new SubjectAlternativeNameBuilder();
        sans.AddIpAddress(IPAddress.Loopback);
        sans.AddDnsName(serverDnsName);
        Server = Issue("CN=kube-apiserver", sans.Build(), serverAuth: true);
        Client = Issue("CN=admin, O=system:masters", null, serverAuth: false);
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public string CaPem => Ca.ExportCertificatePem();

    public string ClientCertificatePem => Client.ExportCertificatePem();

    public string ClientKeyPem => Client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();

    private X509Certificate2 Issue(string subject, X509Extension? sans, bool serverAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [serverAuth ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (sans is not null)
        {
            request.CertificateExtensions.Add(sans);
        }

        var serial = RandomNumberGenerator.GetBytes(8);
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(Ca, now.AddDays(-1), now.AddDays(10), serial);
        // Round-trip through PKCS#12 so Kestrel/SslStream get a certificate with a usable private key.
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        Client.Dispose();
    }
}
