using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Gyre.Cli.Secrets;

/// <summary>
/// A freshly generated SSH key pair, as `flux create secret git` makes for deploy keys: the private key in OpenSSH's
/// own format (what `ssh -i` and `ssh-keygen -y` read) and the public key as an authorized_keys line.
/// </summary>
internal sealed record SshKeyPair(string PrivateKeyPem, string PublicKeyLine)
{
    public static SshKeyPair Generate(SshKeyAlgorithm algorithm, int rsaBits, string ecdsaCurve) => algorithm switch
    {
        SshKeyAlgorithm.Ed25519 => Ed25519(),
        SshKeyAlgorithm.Rsa => Rsa(rsaBits),
        _ => Ecdsa(ecdsaCurve),
    };

    private static SshKeyPair Ed25519()
    {
        var secret = new Ed25519PrivateKeyParameters(new SecureRandom());
        var seed = secret.GetEncoded();
        var publicKey = secret.GeneratePublicKey().GetEncoded();
        var wire = new SshWriter().String("ssh-ed25519").String(publicKey).ToArray();
        var fields = new SshWriter().String("ssh-ed25519").String(publicKey).String([.. seed, .. publicKey]).ToArray();
        return new SshKeyPair(OpenSsh(wire, fields), Line("ssh-ed25519", wire));
    }

    private static SshKeyPair Rsa(int bits)
    {
        using var rsa = RSA.Create(bits);
        var p = rsa.ExportParameters(includePrivateParameters: true);
        var wire = new SshWriter().String("ssh-rsa").MpInt(p.Exponent).MpInt(p.Modulus).ToArray();
        var fields = new SshWriter().String("ssh-rsa").MpInt(p.Modulus).MpInt(p.Exponent).MpInt(p.D).MpInt(p.InverseQ).MpInt(p.P).MpInt(p.Q).ToArray();
        return new SshKeyPair(OpenSsh(wire, fields), Line("ssh-rsa", wire));
    }

    private static SshKeyPair Ecdsa(string curve)
    {
        var (name, named) = curve switch
        {
            "p256" => ("nistp256", ECCurve.NamedCurves.nistP256),
            "p521" => ("nistp521", ECCurve.NamedCurves.nistP521),
            _ => ("nistp384", ECCurve.NamedCurves.nistP384),
        };
        using var ecdsa = ECDsa.Create(named);
        var p = ecdsa.ExportParameters(includePrivateParameters: true);
        byte[] point = [0x04, .. p.Q.X!, .. p.Q.Y!];
        var type = "ecdsa-sha2-" + name;
        var wire = new SshWriter().String(type).String(name).String(point).ToArray();
        var fields = new SshWriter().String(type).String(name).String(point).MpInt(p.D).ToArray();
        return new SshKeyPair(OpenSsh(wire, fields), Line(type, wire));
    }

    private static string Line(string type, byte[] wire) => type + " " + Convert.ToBase64String(wire) + "\n";

    // PROTOCOL.key: "openssh-key-v1\0", cipher/kdf "none", one public key, then the private section padded to 8 bytes.
    private static string OpenSsh(byte[] publicWire, byte[] privateFields)
    {
        var check = RandomNumberGenerator.GetBytes(4);
        var section = new SshWriter().Raw(check).Raw(check).Raw(privateFields).String("");
        for (byte pad = 1; (section.ToArray().Length % 8) != 0; pad++)
        {
            section.Byte(pad);
        }

        var body = new SshWriter().Raw("openssh-key-v1\0"u8).String("none").String("none").String("").UInt32(1)
            .String(publicWire).String(section.ToArray()).ToArray();
        var text = new StringBuilder("-----BEGIN OPENSSH PRIVATE KEY-----\n");
        var base64 = Convert.ToBase64String(body);
        for (var i = 0; i < base64.Length; i += 70)
        {
            text.Append(base64.AsSpan(i, Math.Min(70, base64.Length - i))).Append('\n');
        }

        return text.Append("-----END OPENSSH PRIVATE KEY-----\n").ToString();
    }
}
