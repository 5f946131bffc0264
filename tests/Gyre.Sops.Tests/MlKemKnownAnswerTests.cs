using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Gyre.Sops.Tests;

/// <summary>
/// ML-KEM-768 (FIPS 203) as BouncyCastle provides it for post-quantum age, checked against the accumulated known answer
/// Go's ML-KEM tests use: 100 rounds drawing the (d || z) seed, the encapsulation message m and a random ciphertext from
/// one SHAKE128 stream, hashing ek, ct, K and the implicit-rejection K of the random ciphertext into another.
/// </summary>
public sealed class MlKemKnownAnswerTests
{
    private const string Expected100 = "1114b1b6699ed191734fa339376afa7e285c9e6acf6ff0177d346696ce564415";

    [Fact]
    public void Keygen_encapsulation_and_decapsulation_match_the_accumulated_known_answer()
    {
        var source = new ShakeDigest(128);
        var sink = new ShakeDigest(128);
        var parameters = MLKemParameters.ml_kem_768;
        var seed = new byte[64];
        var message = new byte[32];
        var randomCiphertext = new byte[1088];
        for (var i = 0; i < 100; i++)
        {
            source.Output(seed, 0, seed.Length);
            var privateKey = MLKemPrivateKeyParameters.FromSeed(parameters, seed);
            var publicKey = privateKey.GetPublicKeyEncoded();
            sink.BlockUpdate(publicKey, 0, publicKey.Length);

            source.Output(message, 0, message.Length);
            var encapsulator = new MLKemEncapsulator(parameters);
            encapsulator.Init(new ParametersWithRandom(MLKemPublicKeyParameters.FromEncoding(parameters, publicKey), new FixedRandom(message)));
            var ciphertext = new byte[1088];
            var secret = new byte[32];
            encapsulator.Encapsulate(ciphertext, secret);
            sink.BlockUpdate(ciphertext, 0, ciphertext.Length);
            sink.BlockUpdate(secret, 0, secret.Length);

            Assert.Equal(secret, Decapsulate(privateKey, ciphertext));

            source.Output(randomCiphertext, 0, randomCiphertext.Length);
            var rejected = Decapsulate(privateKey, randomCiphertext);
            sink.BlockUpdate(rejected, 0, rejected.Length);
        }

        var digest = new byte[32];
        sink.OutputFinal(digest, 0, digest.Length);
        Assert.Equal(Expected100, Convert.ToHexStringLower(digest));
    }

    private static byte[] Decapsulate(MLKemPrivateKeyParameters privateKey, byte[] ciphertext)
    {
        var decapsulator = new MLKemDecapsulator(MLKemParameters.ml_kem_768);
        decapsulator.Init(privateKey);
        var secret = new byte[32];
        decapsulator.Decapsulate(ciphertext, secret);
        return secret;
    }

    /// <summary>Hands out the given bytes as the encapsulation randomness (m), so encapsulation is deterministic.</summary>
    private sealed class FixedRandom(byte[] bytes) : SecureRandom
    {
        public override void NextBytes(byte[] buf) => NextBytes(buf, 0, buf.Length);

        public override void NextBytes(byte[] buf, int off, int len) => NextBytes(buf.AsSpan(off, len));

        public override void NextBytes(Span<byte> buffer)
        {
            Assert.Equal(bytes.Length, buffer.Length);
            bytes.CopyTo(buffer);
        }
    }
}
