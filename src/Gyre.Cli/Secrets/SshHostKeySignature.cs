using System.Security.Cryptography;
using Gyre.Cli.Flux;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Gyre.Cli.Secrets;

/// <summary>
/// Checks that the server signed the exchange hash with the host key it presented (RFC 4253 §8), so a scan records
/// a key the server proved it holds: ssh-ed25519 (RFC 8709), ecdsa-sha2-nistp256/384/521 (RFC 5656) and
/// rsa-sha2-256/512 (RFC 8332).
/// </summary>
internal static class SshHostKeySignature
{
    /// <summary>Host key algorithms in the order Go's SSH client (and so flux) prefers them, certificates and SHA-1 left out.</summary>
    public static readonly string[] Algorithms = ["ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-256", "rsa-sha2-512", "ssh-ed25519"];

    public static void Verify(string algorithm, byte[] hostKey, byte[] signatureBlob, byte[] exchangeHash, string where)
    {
        var signature = new SshReader(signatureBlob, where);
        var signatureAlgorithm = signature.Text();
        var bytes = signature.Bytes();
        if (signatureAlgorithm != algorithm)
        {
            throw new CommandException($"{where}: the server signed with {signatureAlgorithm}, not the negotiated {algorithm}");
        }

        var key = new SshReader(hostKey, where);
        var keyType = key.Text();
        var valid = algorithm switch
        {
            "ssh-ed25519" when keyType == "ssh-ed25519" => Ed25519(key.Bytes(), bytes, exchangeHash),
            "rsa-sha2-256" when keyType == "ssh-rsa" => Rsa(key, bytes, exchangeHash, HashAlgorithmName.SHA256),
            "rsa-sha2-512" when keyType == "ssh-rsa" => Rsa(key, bytes, exchangeHash, HashAlgorithmName.SHA512),
            _ when algorithm.StartsWith("ecdsa-sha2-", StringComparison.Ordinal) && keyType == algorithm => Ecdsa(algorithm, key, bytes, exchangeHash),
            _ => throw new CommandException($"{where}: the server presented a {keyType} key for {algorithm}"),
        };
        if (!valid)
        {
            throw new CommandException($"{where}: the server's host key signature does not verify; the connection may be intercepted");
        }
    }

    private static bool Ed25519(byte[] publicKey, byte[] signature, byte[] hash)
    {
        if (publicKey.Length != 32 || signature.Length != 64)
        {
            return false;
        }

        var signer = new Ed25519Signer();
        signer.Init(false, new Ed25519PublicKeyParameters(publicKey));
        signer.BlockUpdate(hash, 0, hash.Length);
        return signer.VerifySignature(signature);
    }

    private static bool Rsa(SshReader key, byte[] signature, byte[] hash, HashAlgorithmName digest)
    {
        var exponent = Unsigned(key.Bytes());
        var modulus = Unsigned(key.Bytes());
        using var rsa = RSA.Create(new RSAParameters { Exponent = exponent, Modulus = modulus });
        return signature.Length <= modulus.Length && rsa.VerifyData(hash, LeftPad(signature, modulus.Length), digest, RSASignaturePadding.Pkcs1);
    }

    private static bool Ecdsa(string algorithm, SshReader key, byte[] signature, byte[] hash)
    {
        var (curve, size, digest) = algorithm switch
        {
            "ecdsa-sha2-nistp256" => (ECCurve.NamedCurves.nistP256, 32, HashAlgorithmName.SHA256),
            "ecdsa-sha2-nistp384" => (ECCurve.NamedCurves.nistP384, 48, HashAlgorithmName.SHA384),
            _ => (ECCurve.NamedCurves.nistP521, 66, HashAlgorithmName.SHA512),
        };
        key.Text();
        var point = key.Bytes();
        if (point.Length != 1 + (2 * size) || point[0] != 0x04)
        {
            return false;
        }

        var rs = new SshReader(signature, algorithm);
        var r = Unsigned(rs.Bytes());
        var s = Unsigned(rs.Bytes());
        if (r.Length > size || s.Length > size)
        {
            return false;
        }

        using var ecdsa = ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = point[1..(1 + size)], Y = point[(1 + size)..] } });
        byte[] ieee = [.. LeftPad(r, size), .. LeftPad(s, size)];
        return ecdsa.VerifyData(hash, ieee, digest);
    }

    private static byte[] Unsigned(byte[] mpint) => mpint.SkipWhile(b => b == 0).ToArray();

    private static byte[] LeftPad(byte[] value, int length) => value.Length >= length ? value : [.. new byte[length - value.Length], .. value];
}
