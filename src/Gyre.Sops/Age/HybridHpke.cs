using System.Security.Cryptography;
using System.Text;

namespace Gyre.Sops.Age;

/// <summary>
/// Single-shot HPKE base mode (RFC 9180 SealBase/OpenBase) with the suite age's mlkem768x25519 stanza uses:
/// KEM MLKEM768-X25519 (0x647a), KDF HKDF-SHA256 (0x0001), AEAD ChaCha20-Poly1305 (0x0003), empty AAD.
/// One message per context, so the nonce is the base nonce (sequence number 0).
/// </summary>
internal static class HybridHpke
{
    private const ushort KdfHkdfSha256 = 0x0001;
    private const ushort AeadChaCha20Poly1305 = 0x0003;
    private static readonly byte[] SuiteId =
    [
        .. "HPKE"u8,
        MlKem768X25519.KemId >> 8, MlKem768X25519.KemId & 0xff,
        0, (byte)KdfHkdfSha256,
        0, (byte)AeadChaCha20Poly1305,
    ];

    /// <summary>SealBase: encapsulates to the public key and encrypts the plaintext; returns (enc, ciphertext).</summary>
    public static (byte[] Encapsulation, byte[] Ciphertext) Seal(byte[] publicKey, string info, ReadOnlySpan<byte> plaintext)
    {
        var (sharedSecret, encapsulation) = MlKem768X25519.Encapsulate(publicKey);
        var (key, nonce) = KeySchedule(sharedSecret, Encoding.ASCII.GetBytes(info));
        return (encapsulation, ChaChaPoly.Seal(key, nonce, plaintext));
    }

    /// <summary>OpenBase: decapsulates with the private key and decrypts; null when the ciphertext does not open.</summary>
    public static byte[]? Open(MlKem768X25519 privateKey, ReadOnlySpan<byte> encapsulation, string info, ReadOnlySpan<byte> ciphertext)
    {
        var sharedSecret = privateKey.Decapsulate(encapsulation);
        var (key, nonce) = KeySchedule(sharedSecret, Encoding.ASCII.GetBytes(info));
        return ChaChaPoly.Open(key, nonce, ciphertext);
    }

    private static (byte[] Key, byte[] Nonce) KeySchedule(byte[] sharedSecret, byte[] info)
    {
        const byte modeBase = 0x00;
        var pskIdHash = LabeledExtract([], "psk_id_hash", []);
        var infoHash = LabeledExtract([], "info_hash", info);
        byte[] context = [modeBase, .. pskIdHash, .. infoHash];
        var secret = LabeledExtract(sharedSecret, "secret", []);
        var key = LabeledExpand(secret, "key", context, 32);
        var nonce = LabeledExpand(secret, "base_nonce", context, 12);
        CryptographicOperations.ZeroMemory(sharedSecret);
        CryptographicOperations.ZeroMemory(secret);
        return (key, nonce);
    }

    private static byte[] LabeledExtract(byte[] salt, string label, byte[] ikm) =>
        HKDF.Extract(HashAlgorithmName.SHA256, [.. "HPKE-v1"u8, .. SuiteId, .. Encoding.ASCII.GetBytes(label), .. ikm], salt);

    private static byte[] LabeledExpand(byte[] prk, string label, byte[] info, int length) =>
        HKDF.Expand(HashAlgorithmName.SHA256, prk, length,
            [(byte)(length >> 8), (byte)length, .. "HPKE-v1"u8, .. SuiteId, .. Encoding.ASCII.GetBytes(label), .. info]);
}
