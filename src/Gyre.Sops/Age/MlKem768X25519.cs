using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc7748;
using Org.BouncyCastle.Security;

namespace Gyre.Sops.Age;

/// <summary>
/// The MLKEM768-X25519 hybrid KEM (X-Wing; HPKE KEM 0x647a, c2sp.org/hpke-hybrids). A private key is a 32-byte seed:
/// SHAKE256(seed, 96) gives the ML-KEM-768 seed (d || z, 64 bytes) and the X25519 scalar (32 bytes). The public key is
/// the ML-KEM encapsulation key followed by the X25519 share (1216 bytes), a ciphertext the ML-KEM ciphertext followed
/// by an ephemeral X25519 share (1120 bytes), and the shared secret SHA3-256(ss_PQ || ss_T || ct_T || ek_T || label).
/// ML-KEM-768 comes from BouncyCastle: .NET's MLKem needs OpenSSL 3.5.
/// </summary>
internal sealed class MlKem768X25519
{
    public const ushort KemId = 0x647a;
    public const int SeedSize = 32;
    public const int PublicKeySize = MlKemPublicKeySize + 32;
    public const int CiphertextSize = MlKemCiphertextSize + 32;
    private const int MlKemPublicKeySize = 1184;
    private const int MlKemCiphertextSize = 1088;
    private static readonly byte[] Label = [0x5c, 0x2e, 0x2f, 0x2f, 0x5e, 0x5c]; // "\.//^\"

    private readonly MLKemPrivateKeyParameters _mlKem;
    private readonly byte[] _x25519Scalar;

    private MlKem768X25519(byte[] seed)
    {
        var expanded = new byte[96];
        var shake = new ShakeDigest(256);
        shake.BlockUpdate(seed, 0, seed.Length);
        shake.OutputFinal(expanded, 0, expanded.Length);
        _mlKem = MLKemPrivateKeyParameters.FromSeed(MLKemParameters.ml_kem_768, expanded[..64]);
        _x25519Scalar = expanded[64..];
        var share = new byte[32];
        X25519.ScalarMultBase(_x25519Scalar, 0, share, 0);
        PublicKey = [.. _mlKem.GetPublicKeyEncoded(), .. share];
        CryptographicOperations.ZeroMemory(expanded);
    }

    /// <summary>ek_PQ || ek_T.</summary>
    public byte[] PublicKey { get; }

    /// <summary>Expands a 32-byte seed into the key pair.</summary>
    public static MlKem768X25519 FromSeed(byte[] seed)
    {
        if (seed.Length != SeedSize)
        {
            throw new ArgumentException("an MLKEM768-X25519 private key is a 32-byte seed", nameof(seed));
        }

        return new MlKem768X25519(seed);
    }

    /// <summary>
    /// True when the ML-KEM part is a valid FIPS 203 encapsulation key: every 12-bit coefficient of t is below q = 3329
    /// (the modulus check of ML-KEM.Encaps).
    /// </summary>
    public static bool IsValidPublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != PublicKeySize)
        {
            return false;
        }

        const int q = 3329;
        for (var i = 0; i + 3 <= MlKemPublicKeySize - 32; i += 3)
        {
            var first = publicKey[i] | ((publicKey[i + 1] & 0x0f) << 8);
            var second = (publicKey[i + 1] >> 4) | (publicKey[i + 2] << 4);
            if (first >= q || second >= q)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Encapsulates to a public key: returns the shared secret and the 1120-byte encapsulation.</summary>
    public static (byte[] SharedSecret, byte[] Encapsulation) Encapsulate(byte[] publicKey)
    {
        if (publicKey.Length != PublicKeySize)
        {
            throw new ArgumentException("an MLKEM768-X25519 public key is 1216 bytes", nameof(publicKey));
        }

        var ekT = publicKey[MlKemPublicKeySize..];
        var encapsulator = new MLKemEncapsulator(MLKemParameters.ml_kem_768);
        encapsulator.Init(new ParametersWithRandom(
            MLKemPublicKeyParameters.FromEncoding(MLKemParameters.ml_kem_768, publicKey[..MlKemPublicKeySize]), new SecureRandom()));
        var ctPq = new byte[MlKemCiphertextSize];
        var ssPq = new byte[32];
        encapsulator.Encapsulate(ctPq, ssPq);

        var ephemeral = RandomNumberGenerator.GetBytes(32);
        var ctT = new byte[32];
        X25519.ScalarMultBase(ephemeral, 0, ctT, 0);
        var ssT = new byte[32];
        X25519.ScalarMult(ephemeral, 0, ekT, 0, ssT, 0);
        CryptographicOperations.ZeroMemory(ephemeral);
        return (Combine(ssPq, ssT, ctT, ekT), [.. ctPq, .. ctT]);
    }

    /// <summary>Decapsulates a 1120-byte encapsulation. ML-KEM rejects implicitly: a wrong key yields a wrong secret, not an error.</summary>
    public byte[] Decapsulate(ReadOnlySpan<byte> encapsulation)
    {
        if (encapsulation.Length != CiphertextSize)
        {
            throw new ArgumentException("an MLKEM768-X25519 encapsulation is 1120 bytes", nameof(encapsulation));
        }

        var decapsulator = new MLKemDecapsulator(MLKemParameters.ml_kem_768);
        decapsulator.Init(_mlKem);
        var ssPq = new byte[32];
        decapsulator.Decapsulate(encapsulation[..MlKemCiphertextSize], ssPq);
        var ctT = encapsulation[MlKemCiphertextSize..].ToArray();
        var ssT = new byte[32];
        X25519.ScalarMult(_x25519Scalar, 0, ctT, 0, ssT, 0);
        return Combine(ssPq, ssT, ctT, PublicKey[MlKemPublicKeySize..]);
    }

    private static byte[] Combine(byte[] ssPq, byte[] ssT, byte[] ctT, byte[] ekT)
    {
        byte[] input = [.. ssPq, .. ssT, .. ctT, .. ekT, .. Label];
        var digest = new Sha3Digest(256);
        digest.BlockUpdate(input, 0, input.Length);
        var secret = new byte[32];
        digest.DoFinal(secret, 0);
        CryptographicOperations.ZeroMemory(ssPq);
        CryptographicOperations.ZeroMemory(ssT);
        return secret;
    }
}
