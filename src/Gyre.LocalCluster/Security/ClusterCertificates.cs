using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gyre.LocalCluster.Security;

/// <summary>
/// The cluster's PKI, kept in the data directory: a self-signed CA (ca.crt/ca.key) and a serving certificate for
/// 127.0.0.1, ::1 and localhost signed by it (apiserver.crt/apiserver.key). Reused on restart so kubeconfigs stay valid.
/// </summary>
internal sealed class ClusterCertificates : IDisposable
{
    private ClusterCertificates(X509Certificate2 ca, X509Certificate2 serving)
    {
        Ca = ca;
        Serving = serving;
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Serving { get; }

    public string CaPem => Ca.ExportCertificatePem();

    public static ClusterCertificates LoadOrCreate(string directory, DateTimeOffset now)
    {
        var caCrt = Path.Combine(directory, "ca.crt");
        var caKey = Path.Combine(directory, "ca.key");
        var srvCrt = Path.Combine(directory, "apiserver.crt");
        var srvKey = Path.Combine(directory, "apiserver.key");
        if (!File.Exists(caCrt) || !File.Exists(caKey))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=gyre-local-cluster-ca", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            using var ca = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
            WriteSecret(caKey, key.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(caCrt, ca.ExportCertificatePem());
            File.Delete(srvCrt);
        }

        var caCert = X509Certificate2.CreateFromPemFile(caCrt, caKey);
        if (!File.Exists(srvCrt) || !File.Exists(srvKey))
        {
            IssueServing(caCert, srvCrt, srvKey, now);
        }

        using var pemServing = X509Certificate2.CreateFromPemFile(srvCrt, srvKey);

        // Kestrel on Linux needs a certificate whose key is not ephemeral-only on some paths; a PKCS#12 round trip gives one.
        var serving = X509CertificateLoader.LoadPkcs12(pemServing.Export(X509ContentType.Pkcs12), null);
        return new ClusterCertificates(caCert, serving);
    }

    public void Dispose()
    {
        Ca.Dispose();
        Serving.Dispose();
    }

    private static void IssueServing(X509Certificate2 ca, string crtPath, string keyPath, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=gyre-local-cluster", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        san.AddDnsName("localhost");
        san.AddDnsName("kubernetes");
        san.AddDnsName("kubernetes.default.svc");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var cert = request.Create(ca, now.AddMinutes(-5), now.AddYears(5), serial);
        WriteSecret(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(crtPath, cert.ExportCertificatePem());
    }

    private static void WriteSecret(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
