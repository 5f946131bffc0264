using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gyre.LocalCluster.Security;

/// <summary>
/// X.509 client-certificate authentication as kube-apiserver does it: a certificate signed by the cluster CA
/// authenticates as its Common Name, with its Organization values as groups (plus system:authenticated). Also issues
/// such certificates, for kubeconfigs and tests.
/// </summary>
internal sealed class ClientCertificateAuthenticator(X509Certificate2 ca)
{
    private const string CommonNameOid = "2.5.4.3";
    private const string OrganizationOid = "2.5.4.10";

    /// <summary>The identity of a certificate the cluster CA signed and that is valid now; null otherwise.</summary>
    public UserInfo? Authenticate(X509Certificate2 presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        if (!chain.Build(presented))
        {
            return null;
        }

        string? name = null;
        var groups = new List<string>();
        foreach (var rdn in presented.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            switch (rdn.GetSingleElementType().Value)
            {
                case CommonNameOid:
                    name = rdn.GetSingleElementValue();
                    break;
                case OrganizationOid when rdn.GetSingleElementValue() is { } group:
                    groups.Add(group);
                    break;
            }
        }

        return string.IsNullOrEmpty(name) ? null : new UserInfo(name, [.. groups.Append("system:authenticated").Distinct()]);
    }

    /// <summary>Issues a client certificate (PEM certificate and PKCS#8 key) for a user and groups, valid for a year.</summary>
    public (string CertificatePem, string KeyPem) Issue(string user, IEnumerable<string> groups, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        foreach (var group in groups)
        {
            subject.AddOrganizationName(group);
        }

        subject.AddCommonName(user);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(ca, now.AddMinutes(-5), now.AddYears(1), serial);
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
