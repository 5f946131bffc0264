using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Gyre.Sops.Age;

/// <summary>What age needs from SSH keys: the public key's wire bytes, its stanza tag, and ed25519 → X25519 conversion.</summary>
internal static class SshKeys
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;

    /// <summary>The stanza tag: the first 4 bytes of SHA-256 of the public key's wire encoding, unpadded base64.</summary>
    public static string Tag(byte[] publicKeyWire) => AgeFile.Base64Raw(SHA256.HashData(publicKeyWire).AsSpan(0, 4));

    public static byte[] Ed25519Wire(byte[] publicKey) => [.. SshWire.String("ssh-ed25519"u8), .. SshWire.String(publicKey)];

    /// <summary>The Montgomery u-coordinate of an Edwards25519 public key: u = (1 + y) / (1 - y) mod p.</summary>
    public static byte[] Ed25519ToX25519(byte[] publicKey)
    {
        var bytes = (byte[])publicKey.Clone();
        bytes[31] &= 0x7f;
        var y = new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
        var denominator = BigInteger.ModPow((1 - y + P) % P, P - 2, P);
        var u = (1 + y) * denominator % P;
        var output = new byte[32];
        u.TryWriteBytes(output, out _, isUnsigned: true, isBigEndian: false);
        return output;
    }

    /// <summary>The line form of a public key: "ssh-ed25519 AAAA…" (no comment).</summary>
    public static string Line(byte[] publicKeyWire) => new SshWire(publicKeyWire).Text() + " " + Convert.ToBase64String(publicKeyWire);

    /// <summary>Parses "ssh-ed25519 AAAA… [comment]" or "ssh-rsa AAAA… [comment]" into its wire bytes.</summary>
    public static byte[] ParsePublicLine(string line)
    {
        var parts = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || parts[0] is not ("ssh-ed25519" or "ssh-rsa"))
        {
            throw new SopsException($"malformed SSH recipient '{line}': expected 'ssh-ed25519 AAAA…' or 'ssh-rsa AAAA…'");
        }

        try
        {
            var wire = Convert.FromBase64String(parts[1]);
            if (new SshWire(wire).Text() != parts[0])
            {
                throw new SopsException($"malformed SSH recipient '{parts[0]} …': the key type inside does not match");
            }

            return wire;
        }
        catch (FormatException ex)
        {
            throw new SopsException($"malformed SSH recipient '{parts[0]} …': invalid base64", innerException: ex);
        }
    }

    public static byte[] Label(string type) => Encoding.ASCII.GetBytes("age-encryption.org/v1/" + type);
}
