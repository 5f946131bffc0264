using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Gyre.Templates.Functions;
using static Gyre.Templates.Sprig.SprigFunctions;

namespace Gyre.Templates.Sprig;

/// <summary>Sprig's crypto.go: AES, bcrypt/htpasswd, derivePassword (Master Password with scrypt), keys and certificates.</summary>
internal static class CryptoFunctions
{
    private const ArgType Str = ArgType.String;
    private const ArgType Int = ArgType.Int;
    private const ArgType List = ArgType.List;

    private const string MasterPasswordSeed = "com.lyndir.masterpassword";

    private static readonly Dictionary<string, string[]> PasswordTemplates = new(StringComparer.Ordinal)
    {
        ["maximum"] = ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
        ["long"] =
        [
            "CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv", "CvccCvcvCvcvno", "CvcvnoCvccCvcv",
            "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc", "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv",
            "CvccCvccCvcvno", "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc", "CvccCvcvCvccno",
        ],
        ["medium"] = ["CvcnoCvc", "CvcCvcno"],
        ["short"] = ["Cvcn"],
        ["basic"] = ["aaanaaan", "aannaaan", "aaannaaa"],
        ["pin"] = ["nnnn"],
    };

    private static readonly Dictionary<char, string> TemplateCharacters = new()
    {
        ['V'] = "AEIOU", ['C'] = "BCDFGHJKLMNPQRSTVWXYZ", ['v'] = "aeiou", ['c'] = "bcdfghjklmnpqrstvwxyz",
        ['A'] = "AEIOUBCDFGHJKLMNPQRSTVWXYZ", ['a'] = "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz", ['n'] = "0123456789",
        ['o'] = "@&%?,=[]_:-+*$#!'^~;()/.", ['x'] = "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
    };

    public static void Register(Dictionary<string, TemplateFunction> m, TemplateOptions o)
    {
        m["encryptAES"] = F(a => EncryptAes(S(a[0]), S(a[1])), Str, Str);
        m["decryptAES"] = F(a => DecryptAes(S(a[0]), S(a[1])), Str, Str);
        m["bcrypt"] = F(a => Bcrypt(S(a[0])), Str);
        m["htpasswd"] = F(a => S(a[0]).Contains(':', StringComparison.Ordinal) ? "invalid username: " + S(a[0]) : S(a[0]) + ":" + Bcrypt(S(a[1])), Str, Str);
        m["derivePassword"] = F(a => DerivePassword((uint)(ulong)a[0]!, S(a[1]), S(a[2]), S(a[3]), S(a[4])), ArgType.Uint32, Str, Str, Str, Str);
        m["genPrivateKey"] = F(a => PrivateKey(S(a[0])), Str);
        m["genCA"] = F(a => Ca(S(a[0]), I(a[1]), null, o), Str, Int);
        m["genCAWithKey"] = F(a => Ca(S(a[0]), I(a[1]), S(a[2]), o), Str, Int, Str);
        m["genSelfSignedCert"] = F(a => SelfSigned(S(a[0]), a[1], a[2], I(a[3]), null, o), Str, List, List, Int);
        m["genSelfSignedCertWithKey"] = F(a => SelfSigned(S(a[0]), a[1], a[2], I(a[3]), S(a[4]), o), Str, List, List, Int, Str);
        m["genSignedCert"] = F(a => Signed(S(a[0]), a[1], a[2], I(a[3]), (SprigCertificate)a[4]!, null, o), Str, List, List, Int, ArgType.Certificate);
        m["genSignedCertWithKey"] = F(a => Signed(S(a[0]), a[1], a[2], I(a[3]), (SprigCertificate)a[4]!, S(a[5]), o), Str, List, List, Int, ArgType.Certificate, Str);
        m["buildCustomCert"] = F(a => BuildCustom(S(a[0]), S(a[1])), Str, Str);
    }

    private static byte[] AesKey(string password)
    {
        var key = new byte[32];
        var p = Encoding.UTF8.GetBytes(password);
        Array.Copy(p, key, Math.Min(32, p.Length));
        return key;
    }

    private static string EncryptAes(string password, string plaintext)
    {
        if (plaintext.Length == 0)
        {
            return "";
        }
        using var aes = Aes.Create();
        aes.Key = AesKey(password);
        var iv = RandomNumberGenerator.GetBytes(16);
        var cipher = aes.EncryptCbc(Encoding.UTF8.GetBytes(plaintext), iv, PaddingMode.PKCS7);
        return Convert.ToBase64String([.. iv, .. cipher]);
    }

    private static string DecryptAes(string password, string crypt64)
    {
        if (crypt64.Length == 0)
        {
            return "";
        }
        byte[] crypt;
        try
        {
            crypt = Convert.FromBase64String(crypt64);
        }
        catch (FormatException)
        {
            throw new TemplateFunctionException(Base32.IllegalData(crypt64, "base64"));
        }
        if (crypt.Length < 16 || (crypt.Length - 16) % 16 != 0)
        {
            throw new TemplateFunctionException("crypto/cipher: input not full blocks");
        }
        using var aes = Aes.Create();
        aes.Key = AesKey(password);
        var plain = aes.DecryptCbc(crypt.AsSpan(16), crypt.AsSpan(0, 16), PaddingMode.None);
        var pad = plain.Length == 0 ? 0 : plain[^1];
        return Encoding.UTF8.GetString(plain, 0, Math.Max(0, plain.Length - pad));
    }

    private static string Bcrypt(string input)
    {
        var password = Encoding.UTF8.GetBytes(input);
        if (password.Length > 72)
        {
            password = password[..72];
        }
        return Org.BouncyCastle.Crypto.Generators.OpenBsdBCrypt.Generate("2a", Encoding.UTF8.GetChars(password), RandomNumberGenerator.GetBytes(16), 10);
    }

    private static string DerivePassword(uint counter, string passwordType, string password, string user, string site)
    {
        if (!PasswordTemplates.TryGetValue(passwordType, out var templates))
        {
            return "cannot find password template " + passwordType;
        }
        var seed = Encoding.UTF8.GetBytes(MasterPasswordSeed);
        var userBytes = Encoding.UTF8.GetBytes(user);
        var siteBytes = Encoding.UTF8.GetBytes(site);
        var salt = new byte[seed.Length + 4 + userBytes.Length];
        seed.CopyTo(salt, 0);
        BinaryPrimitives.WriteUInt32BigEndian(salt.AsSpan(seed.Length), (uint)userBytes.Length);
        userBytes.CopyTo(salt, seed.Length + 4);
        var key = Org.BouncyCastle.Crypto.Generators.SCrypt.Generate(Encoding.UTF8.GetBytes(password), salt, 32768, 8, 2, 64);
        var message = new byte[seed.Length + 4 + siteBytes.Length + 4];
        seed.CopyTo(message, 0);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(seed.Length), (uint)siteBytes.Length);
        siteBytes.CopyTo(message, seed.Length + 4);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(seed.Length + 4 + siteBytes.Length), counter);
        var hash = HMACSHA256.HashData(key, message);
        var template = templates[hash[0] % templates.Length];
        var sb = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var chars = TemplateCharacters[template[i]];
            sb.Append(chars[hash[i + 1] % chars.Length]);
        }
        return sb.ToString();
    }

    private static string PrivateKey(string type)
    {
        switch (type)
        {
            case "" or "rsa":
                using (var rsa = RSA.Create(4096))
                {
                    return rsa.ExportRSAPrivateKeyPem() + "\n";
                }
            case "ecdsa":
                using (var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    return ec.ExportECPrivateKeyPem() + "\n";
                }
            case "dsa" or "ed25519":
                throw new TemplateFunctionException("genPrivateKey " + type + " is not supported by Gyre; use rsa or ecdsa");
            default:
                return "Unknown type " + type;
        }
    }

    private static RSA LoadKey(string? pem)
    {
        var rsa = RSA.Create(2048);
        if (pem != null)
        {
            try
            {
                rsa.ImportFromPem(pem);
            }
            catch (ArgumentException)
            {
                rsa.Dispose();
                throw new TemplateFunctionException("error decoding pem block for key");
            }
        }
        return rsa;
    }

    private static SprigCertificate Ca(string cn, int days, string? keyPem, TemplateOptions o)
    {
        using var key = LoadKey(keyPem);
        var request = Request(cn, key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        var now = o.Time.GetUtcNow();
        using var cert = request.CreateSelfSigned(now, now.AddDays(days));
        return new SprigCertificate(cert.ExportCertificatePem() + "\n", key.ExportRSAPrivateKeyPem() + "\n");
    }

    private static CertificateRequest Request(string cn, RSA key)
    {
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName(cn);
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        return request;
    }

    private static void AddNames(CertificateRequest request, object? ips, object? dns)
    {
        var san = new SubjectAlternativeNameBuilder();
        var any = false;
        foreach (var ip in ips as List<object?> ?? [])
        {
            if (ip is not string s || !IPAddress.TryParse(s, out var address))
            {
                throw new TemplateFunctionException("error parsing ip: " + Cast.StrVal(ip));
            }
            san.AddIpAddress(address);
            any = true;
        }
        foreach (var name in dns as List<object?> ?? [])
        {
            san.AddDnsName(name as string ?? throw new TemplateFunctionException("error processing alternate dns name: " + Cast.StrVal(name) + " is not a string"));
            any = true;
        }
        if (any)
        {
            request.CertificateExtensions.Add(san.Build());
        }
    }

    private static SprigCertificate SelfSigned(string cn, object? ips, object? dns, int days, string? keyPem, TemplateOptions o)
    {
        using var key = LoadKey(keyPem);
        var request = Request(cn, key);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        AddNames(request, ips, dns);
        var now = o.Time.GetUtcNow();
        using var cert = request.CreateSelfSigned(now, now.AddDays(days));
        return new SprigCertificate(cert.ExportCertificatePem() + "\n", key.ExportRSAPrivateKeyPem() + "\n");
    }

    private static SprigCertificate Signed(string cn, object? ips, object? dns, int days, SprigCertificate ca, string? keyPem, TemplateOptions o)
    {
        using var caCert = X509Certificate2.CreateFromPem(ca.Cert, ca.Key);
        using var key = LoadKey(keyPem);
        var request = Request(cn, key);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        AddNames(request, ips, dns);
        var now = o.Time.GetUtcNow();
        var notAfter = now.AddDays(days);
        if (notAfter > caCert.NotAfter)
        {
            notAfter = caCert.NotAfter;
        }
        using var cert = request.Create(caCert, now, notAfter, RandomNumberGenerator.GetBytes(16));
        return new SprigCertificate(cert.ExportCertificatePem() + "\n", key.ExportRSAPrivateKeyPem() + "\n");
    }

    private static SprigCertificate BuildCustom(string b64Cert, string b64Key)
    {
        string cert, key;
        try
        {
            cert = Encoding.UTF8.GetString(Convert.FromBase64String(b64Cert));
        }
        catch (FormatException)
        {
            throw new TemplateFunctionException("unable to decode base64 certificate");
        }
        try
        {
            key = Encoding.UTF8.GetString(Convert.FromBase64String(b64Key));
        }
        catch (FormatException)
        {
            throw new TemplateFunctionException("unable to decode base64 private key");
        }
        if (!cert.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            throw new TemplateFunctionException("error decoding certificate");
        }
        if (!key.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw new TemplateFunctionException("error decoding private key");
        }
        return new SprigCertificate(cert, key);
    }
}
