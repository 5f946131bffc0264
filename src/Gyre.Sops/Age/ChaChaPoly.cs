using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;

namespace Gyre.Sops.Age;

/// <summary>ChaCha20-Poly1305 (RFC 7539) with empty associated data: the BCL's when the platform has it, BouncyCastle's otherwise.</summary>
internal static class ChaChaPoly
{
    public const int TagSize = 16;

    public static byte[] Seal(byte[] key, byte[] nonce, ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[plaintext.Length + TagSize];
        if (ChaCha20Poly1305.IsSupported)
        {
            using var aead = new ChaCha20Poly1305(key);
            aead.Encrypt(nonce, plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length));
            return output;
        }

        var cipher = new Org.BouncyCastle.Crypto.Modes.ChaCha20Poly1305();
        cipher.Init(true, new AeadParameters(new KeyParameter(key), TagSize * 8, nonce));
        var input = plaintext.ToArray();
        var written = cipher.ProcessBytes(input, 0, input.Length, output, 0);
        cipher.DoFinal(output, written);
        return output;
    }

    /// <summary>Opens a sealed box; null when authentication fails (wrong key or tampered data).</summary>
    public static byte[]? Open(byte[] key, byte[] nonce, ReadOnlySpan<byte> sealedBox)
    {
        if (sealedBox.Length < TagSize)
        {
            return null;
        }

        var plaintext = new byte[sealedBox.Length - TagSize];
        if (ChaCha20Poly1305.IsSupported)
        {
            using var aead = new ChaCha20Poly1305(key);
            try
            {
                aead.Decrypt(nonce, sealedBox[..^TagSize], sealedBox[^TagSize..], plaintext);
                return plaintext;
            }
            catch (AuthenticationTagMismatchException)
            {
                return null;
            }
        }

        var cipher = new Org.BouncyCastle.Crypto.Modes.ChaCha20Poly1305();
        cipher.Init(false, new AeadParameters(new KeyParameter(key), TagSize * 8, nonce));
        var input = sealedBox.ToArray();
        try
        {
            var written = cipher.ProcessBytes(input, 0, input.Length, plaintext, 0);
            cipher.DoFinal(plaintext, written);
            return plaintext;
        }
        catch (InvalidCipherTextException)
        {
            return null;
        }
    }
}
