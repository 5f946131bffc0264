using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gyre.Sops.Tree;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Gyre.Sops.Crypto;

/// <summary>
/// sops's value cipher: AES-256-GCM with a 32-byte IV, the value's path as additional data, written as
/// ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]. The BCL's AesGcm only takes 12-byte nonces, so GCM comes from BouncyCastle.
/// </summary>
internal static class ValueCipher
{
    private const int IvSize = 32;
    private const int TagSize = 16;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>True when the string has the ENC[AES256_GCM,…] shape.</summary>
    public static bool IsEncrypted(string value) => TrySplit(value, out _);

    // Splits ENC[AES256_GCM,data:…,iv:…,tag:…,type:…] by hand: sops's regex has greedy groups that backtrack
    // quadratically on long values. Base64 never contains ',', so the separators are unambiguous.
    private static bool TrySplit(string value, out (string Data, string Iv, string Tag, string Type) parts)
    {
        parts = default;
        const string Prefix = "ENC[AES256_GCM,data:";
        if (!value.StartsWith(Prefix, StringComparison.Ordinal) || !value.EndsWith(']'))
        {
            return false;
        }

        var iv = value.IndexOf(",iv:", Prefix.Length, StringComparison.Ordinal);
        var tag = iv < 0 ? -1 : value.IndexOf(",tag:", iv, StringComparison.Ordinal);
        var type = tag < 0 ? -1 : value.IndexOf(",type:", tag, StringComparison.Ordinal);
        if (type < 0 || iv == Prefix.Length || tag == iv + 4 || type == tag + 5 || value.Length - 1 == type + 6)
        {
            return false;
        }

        parts = (value[Prefix.Length..iv], value[(iv + 4)..tag], value[(tag + 5)..type], value[(type + 6)..^1]);
        return true;
    }

    /// <summary>Decrypts one value; the result is typed from the `type:` field (str, int, float, bool, bytes, comment).</summary>
    public static object Decrypt(string ciphertext, byte[] key, string additionalData)
    {
        if (ciphertext.Length == 0)
        {
            return string.Empty;
        }

        if (!TrySplit(ciphertext, out var parts))
        {
            throw new SopsException("input string is not an ENC[AES256_GCM,...] value; the file may have been edited by hand");
        }

        byte[] data, iv, tag;
        try
        {
            data = Convert.FromBase64String(parts.Data);
            iv = Convert.FromBase64String(parts.Iv);
            tag = Convert.FromBase64String(parts.Tag);
        }
        catch (FormatException ex)
        {
            throw new SopsException("corrupt ciphertext: data, iv or tag is not valid base64", innerException: ex);
        }

        var type = parts.Type;
        var plain = Open(key, iv, data, tag, Encoding.UTF8.GetBytes(additionalData));
        return ToValue(plain, type);
    }

    /// <summary>Encrypts one value with a fresh random IV.</summary>
    public static string Encrypt(object value, byte[] key, string additionalData)
    {
        var (plain, type) = FromValue(value);
        if (plain.Length == 0)
        {
            // As sops does: an empty string stays empty rather than becoming a ciphertext.
            return string.Empty;
        }

        var iv = RandomNumberGenerator.GetBytes(IvSize);
        var gcm = NewGcm();
        gcm.Init(true, new AeadParameters(new KeyParameter(key), TagSize * 8, iv, Encoding.UTF8.GetBytes(additionalData)));
        var output = new byte[gcm.GetOutputSize(plain.Length)];
        var written = gcm.ProcessBytes(plain, 0, plain.Length, output, 0);
        gcm.DoFinal(output, written);
        var data = output.AsSpan(0, plain.Length);
        var tag = output.AsSpan(plain.Length, TagSize);
        return string.Create(CultureInfo.InvariantCulture,
            $"ENC[AES256_GCM,data:{Convert.ToBase64String(data)},iv:{Convert.ToBase64String(iv)},tag:{Convert.ToBase64String(tag)},type:{type}]");
    }

    // BouncyCastle 2.x multiplies in GF(2^128) without a per-key table (carry-less multiply where the CPU has it), so a
    // fresh cipher per value is cheap; AesUtilities picks the AES-NI engine when available.
    private static GcmBlockCipher NewGcm() => new(AesUtilities.CreateEngine());

    private static byte[] Open(byte[] key, byte[] iv, byte[] data, byte[] tag, byte[] additionalData)
    {
        var gcm = NewGcm();
        gcm.Init(false, new AeadParameters(new KeyParameter(key), TagSize * 8, iv, additionalData));
        var input = new byte[data.Length + tag.Length];
        data.CopyTo(input, 0);
        tag.CopyTo(input, data.Length);
        var output = new byte[gcm.GetOutputSize(input.Length)];
        try
        {
            var written = gcm.ProcessBytes(input, 0, input.Length, output, 0);
            gcm.DoFinal(output, written);
        }
        catch (Org.BouncyCastle.Crypto.InvalidCipherTextException ex)
        {
            throw new SopsException("could not decrypt value: authentication failed (corrupt ciphertext or wrong data key); restore the file from history or re-encrypt it", innerException: ex);
        }

        return output;
    }

    private static object ToValue(byte[] plain, string type)
    {
        if (type == "str")
        {
            // Binary files are strings of arbitrary bytes in Go; keep them as bytes when they are not UTF-8.
            try
            {
                return StrictUtf8.GetString(plain);
            }
            catch (DecoderFallbackException)
            {
                return plain;
            }
        }

        var text = Encoding.UTF8.GetString(plain);
        return type switch
        {
            "int" => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
                ? i
                : throw new SopsException("decrypted value is not an int"),
            "float" => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? d
                : throw new SopsException("decrypted value is not a float"),
            "bool" => ParseGoBool(text) ?? throw new SopsException("decrypted value is not a bool"),
            "bytes" => text,
            "comment" => new SopsComment(text),
            _ => throw new SopsException($"unknown value type '{type}'"),
        };
    }

    private static (byte[] Plain, string Type) FromValue(object value) => value switch
    {
        string s => (Encoding.UTF8.GetBytes(s), "str"),
        byte[] bytes => (bytes, "str"),
        SopsTimestamp t => (Encoding.UTF8.GetBytes(t.Value), "str"),
        long l => (Encoding.UTF8.GetBytes(l.ToString(CultureInfo.InvariantCulture)), "int"),
        int i => (Encoding.UTF8.GetBytes(i.ToString(CultureInfo.InvariantCulture)), "int"),
        double d => (Encoding.UTF8.GetBytes(GoFloat.Format(d, 'f')), "float"),
        // As sops (after the Python original): booleans are encrypted in title case.
        bool b => (Encoding.UTF8.GetBytes(b ? "True" : "False"), "bool"),
        SopsComment c => (Encoding.UTF8.GetBytes(c.Value), "comment"),
        _ => throw new SopsException($"cannot encrypt a value of type {value.GetType().Name}"),
    };

    // Go's strconv.ParseBool, which sops uses for bool values.
    private static bool? ParseGoBool(string text) => text switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => null,
    };
}
