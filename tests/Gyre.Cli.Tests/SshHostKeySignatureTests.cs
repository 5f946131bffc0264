using System.Security.Cryptography;
using Gyre.Cli.Flux;
using Gyre.Cli.Secrets;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Gyre.Cli.Tests;

/// <summary>
/// The host key scan accepts a key only with the server's valid signature over the exchange hash: a signature over
/// another hash, by another key, or under another algorithm name is refused, for each host key type.
/// </summary>
public sealed class SshHostKeySignatureTests
{
    private static readonly byte[] Hash = SHA256.HashData("exchange"u8);
    private static readonly byte[] OtherHash = SHA256.HashData("tampered"u8);

    public static TheoryData<string> Algorithms => ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-256", "rsa-sha2-512"];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void A_valid_signature_verifies_and_a_tampered_one_is_refused(string algorithm)
    {
        var (hostKey, sign) = KeyFor(algorithm);
        var (otherKey, _) = KeyFor(algorithm);

        SshHostKeySignature.Verify(algorithm, hostKey, sign(Hash), Hash, "scan");

        Assert.Contains("signature does not verify", Assert.Throws<CommandException>(() => SshHostKeySignature.Verify(algorithm, hostKey, sign(OtherHash), Hash, "scan")).Message, StringComparison.Ordinal);
        Assert.Contains("signature does not verify", Assert.Throws<CommandException>(() => SshHostKeySignature.Verify(algorithm, otherKey, sign(Hash), Hash, "scan")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_under_another_algorithm_than_negotiated_is_refused()
    {
        var (hostKey, sign) = KeyFor("rsa-sha2-512");

        var error = Assert.Throws<CommandException>(() => SshHostKeySignature.Verify("rsa-sha2-256", hostKey, sign(Hash), Hash, "scan"));

        Assert.Equal("scan: the server signed with rsa-sha2-512, not the negotiated rsa-sha2-256", error.Message);
    }

    private static (byte[] HostKey, Func<byte[], byte[]> Sign) KeyFor(string algorithm)
    {
        if (algorithm == "ssh-ed25519")
        {
            var secret = new Ed25519PrivateKeyParameters(new SecureRandom());
            return (new SshWriter().String("ssh-ed25519").String(secret.GeneratePublicKey().GetEncoded()).ToArray(), hash =>
            {
                var signer = new Ed25519Signer();
                signer.Init(true, secret);
                signer.BlockUpdate(hash, 0, hash.Length);
                return new SshWriter().String(algorithm).String(signer.GenerateSignature()).ToArray();
            });
        }

        if (algorithm.StartsWith("rsa", StringComparison.Ordinal))
        {
            var rsa = RSA.Create(2048);
            var p = rsa.ExportParameters(false);
            var digest = algorithm == "rsa-sha2-256" ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA512;
            return (new SshWriter().String("ssh-rsa").MpInt(p.Exponent).MpInt(p.Modulus).ToArray(),
                hash => new SshWriter().String(algorithm).String(rsa.SignData(hash, digest, RSASignaturePadding.Pkcs1)).ToArray());
        }

        var (curve, name, hashName, size) = algorithm switch
        {
            "ecdsa-sha2-nistp256" => (ECCurve.NamedCurves.nistP256, "nistp256", HashAlgorithmName.SHA256, 32),
            "ecdsa-sha2-nistp384" => (ECCurve.NamedCurves.nistP384, "nistp384", HashAlgorithmName.SHA384, 48),
            _ => (ECCurve.NamedCurves.nistP521, "nistp521", HashAlgorithmName.SHA512, 66),
        };
        var ecdsa = ECDsa.Create(curve);
        var q = ecdsa.ExportParameters(false).Q;
        return (new SshWriter().String(algorithm).String(name).String([0x04, .. q.X!, .. q.Y!]).ToArray(), hash =>
        {
            var rs = ecdsa.SignData(hash, hashName);
            var inner = new SshWriter().MpInt(rs.AsSpan(0, size)).MpInt(rs.AsSpan(size)).ToArray();
            return new SshWriter().String(algorithm).String(inner).ToArray();
        });
    }
}
