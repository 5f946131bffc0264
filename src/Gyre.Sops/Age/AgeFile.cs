using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Gyre.Sops.Age;

/// <summary>
/// The age v1 file format (age-encryption.org/v1) with X25519, mlkem768x25519 (hybrid post-quantum), SSH and scrypt
/// stanzas: a header of recipient stanzas wrapping a
/// 16-byte file key, an HMAC over the header, then the STREAM payload (ChaCha20-Poly1305, 64 KiB chunks).
/// </summary>
public static class AgeFile
{
    private const string Intro = "age-encryption.org/v1";
    private const string X25519Label = "age-encryption.org/v1/X25519";
    private const int ChunkSize = 64 * 1024;

    /// <summary>Encrypts to the recipients (all X25519, or all post-quantum) and returns the binary age file.</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, IReadOnlyList<AgeRecipient> recipients) => Encrypt(plaintext, recipients, []);

    /// <summary>Encrypts to X25519 recipients and SSH public keys (ssh-ed25519, ssh-rsa) and returns the binary age file.</summary>
    internal static byte[] Encrypt(ReadOnlySpan<byte> plaintext, IReadOnlyList<AgeRecipient> recipients, IReadOnlyList<AgeSshRecipient> sshRecipients)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        if (recipients.Count + sshRecipients.Count == 0)
        {
            throw new SopsException("age: no recipients to encrypt to");
        }

        if (recipients.Any(r => r.IsPostQuantum) && (sshRecipients.Count > 0 || recipients.Any(r => !r.IsPostQuantum)))
        {
            // As age: mixing in a classic recipient would undo the post-quantum protection of the file key.
            throw new SopsException("age: a post-quantum recipient (age1pq1…) cannot share a file with X25519 or SSH recipients");
        }

        var fileKey = RandomNumberGenerator.GetBytes(16);
        var header = new StringBuilder(Intro).Append('\n');
        foreach (var recipient in recipients)
        {
            if (recipient.IsPostQuantum)
            {
                var (type, arguments, body) = AgeHybridStanza.Wrap(fileKey, recipient);
                AppendStanza(header, type, arguments, body);
                continue;
            }

            AppendX25519Stanza(header, fileKey, recipient);
        }

        foreach (var recipient in sshRecipients)
        {
            var (type, arguments, body) = recipient.Wrap(fileKey);
            AppendStanza(header, type, arguments, body);
        }

        header.Append("---");
        var mac = HeaderMac(fileKey, Encoding.ASCII.GetBytes(header.ToString()));
        header.Append(' ').Append(Base64Raw(mac)).Append('\n');

        var nonce = RandomNumberGenerator.GetBytes(16);
        var payloadKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey, 32, nonce, Encoding.ASCII.GetBytes("payload"));
        using var output = new MemoryStream();
        output.Write(Encoding.ASCII.GetBytes(header.ToString()));
        output.Write(nonce);
        var counter = 0L;
        var offset = 0;
        do
        {
            var length = Math.Min(ChunkSize, plaintext.Length - offset);
            var last = offset + length >= plaintext.Length;
            output.Write(ChaChaPoly.Seal(payloadKey, ChunkNonce(counter++, last), plaintext.Slice(offset, length)));
            offset += length;
        }
        while (offset < plaintext.Length);

        return output.ToArray();
    }

    /// <summary>Decrypts a binary or armored age file with the first identity that opens one of its X25519 or mlkem768x25519 stanzas.</summary>
    public static byte[] Decrypt(byte[] file, IReadOnlyList<AgeIdentity> identities) => Decrypt(file, identities, [], null);

    /// <summary>
    /// Decrypts a binary or armored age file with the first identity that opens one of its stanzas: X25519 identities,
    /// SSH identities (ssh-ed25519, ssh-rsa) and, for a passphrase-encrypted file (a single scrypt stanza), the passphrase.
    /// </summary>
    public static byte[] Decrypt(byte[] file, IReadOnlyList<AgeIdentity> identities, IReadOnlyList<AgeSshIdentity> sshIdentities, string? passphrase)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(identities);
        ArgumentNullException.ThrowIfNull(sshIdentities);
        var data = AgeArmor.IsArmored(file) ? AgeArmor.Decode(Encoding.ASCII.GetString(file)) : file;
        var header = AgeHeader.Parse(data);
        if (header.Stanzas.Any(s => s.Type == "scrypt") && header.Stanzas.Count != 1)
        {
            throw new SopsException("age: an scrypt stanza must be the only one in the file");
        }

        byte[]? fileKey = null;
        foreach (var stanza in header.Stanzas)
        {
            fileKey = stanza.Type switch
            {
                "X25519" => identities.Where(i => !i.IsPostQuantum).Select(i => UnwrapX25519(stanza, i)).FirstOrDefault(k => k is not null),
                AgeHybridStanza.Type => identities.Where(i => i.Hybrid is not null)
                    .Select(i => AgeHybridStanza.Unwrap(stanza, i.Hybrid!)).FirstOrDefault(k => k is not null),
                "ssh-ed25519" or "ssh-rsa" => sshIdentities.Select(i => i.Unwrap(stanza)).FirstOrDefault(k => k is not null),
                "scrypt" when passphrase is not null => AgeScrypt.Unwrap(stanza, passphrase),
                _ => null,
            };
            if (fileKey is not null)
            {
                break;
            }
        }

        if (fileKey is null && passphrase is not null && header.Stanzas.Any(s => s.Type == "scrypt"))
        {
            throw new SopsException("age: incorrect passphrase");
        }

        if (fileKey is null)
        {
            throw new SopsException("age: no identity matched any of the file's recipients");
        }

        var expected = HeaderMac(fileKey, header.MacInput);
        if (!CryptographicOperations.FixedTimeEquals(expected, header.Mac))
        {
            throw new SopsException("age: header MAC mismatch: the file was tampered with");
        }

        return DecryptPayload(fileKey, data.AsSpan(header.PayloadOffset));
    }

    private static void AppendX25519Stanza(StringBuilder header, byte[] fileKey, AgeRecipient recipient)
    {
        var ephemeral = RandomNumberGenerator.GetBytes(32);
        var share = new byte[32];
        X25519.ScalarMultBase(ephemeral, 0, share, 0);
        var shared = new byte[32];
        X25519.CalculateAgreement(ephemeral, 0, recipient.PublicKey, 0, shared, 0);
        var wrapKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, [.. share, .. recipient.PublicKey], Encoding.ASCII.GetBytes(X25519Label));
        AppendStanza(header, "X25519", [Base64Raw(share)], ChaChaPoly.Seal(wrapKey, new byte[12], fileKey));
    }

    private static void AppendStanza(StringBuilder header, string type, string[] arguments, byte[] body)
    {
        header.Append("-> ").Append(type);
        foreach (var argument in arguments)
        {
            header.Append(' ').Append(argument);
        }

        header.Append('\n');
        var encoded = Base64Raw(body);
        for (var i = 0; i <= encoded.Length; i += 64)
        {
            // Body lines are 64 columns; the last one is shorter (possibly empty), which is how readers find the end.
            header.Append(encoded, i, Math.Min(64, encoded.Length - i)).Append('\n');
        }
    }

    private static byte[]? UnwrapX25519(AgeStanza stanza, AgeIdentity identity)
    {
        if (stanza.Arguments.Count != 1 || stanza.Body.Length != 32)
        {
            throw new SopsException("age: invalid X25519 recipient stanza");
        }

        var share = FromBase64Raw(stanza.Arguments[0]);
        if (share.Length != 32)
        {
            throw new SopsException("age: invalid X25519 recipient stanza share");
        }

        var shared = identity.SharedSecret(share);
        if (shared.All(b => b == 0))
        {
            throw new SopsException("age: invalid X25519 recipient stanza: low-order point");
        }

        var salt = share.Concat(identity.Recipient.PublicKey).ToArray();
        var wrapKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, salt, Encoding.ASCII.GetBytes(X25519Label));
        return ChaChaPoly.Open(wrapKey, new byte[12], stanza.Body);
    }

    private static byte[] DecryptPayload(byte[] fileKey, ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 16 + ChaChaPoly.TagSize)
        {
            throw new SopsException("age: payload is truncated");
        }

        var payloadKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey, 32, payload[..16].ToArray(), Encoding.ASCII.GetBytes("payload"));
        var body = payload[16..];
        using var output = new MemoryStream();
        var counter = 0L;
        var offset = 0;
        while (true)
        {
            var length = Math.Min(ChunkSize + ChaChaPoly.TagSize, body.Length - offset);
            var last = offset + length >= body.Length;
            var chunk = ChaChaPoly.Open(payloadKey, ChunkNonce(counter++, last), body.Slice(offset, length))
                ?? throw new SopsException("age: payload authentication failed: the file is corrupt or truncated");
            if (chunk.Length == 0 && (!last || counter > 1))
            {
                throw new SopsException("age: payload has an empty chunk");
            }

            output.Write(chunk);
            offset += length;
            if (last)
            {
                return output.ToArray();
            }
        }
    }

    private static byte[] ChunkNonce(long counter, bool last)
    {
        var nonce = new byte[12];
        for (var i = 10; i >= 0 && counter > 0; i--)
        {
            nonce[i] = (byte)(counter & 0xff);
            counter >>= 8;
        }

        nonce[11] = last ? (byte)1 : (byte)0;
        return nonce;
    }

    private static byte[] HeaderMac(byte[] fileKey, byte[] macInput)
    {
        var hmacKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey, 32, [], Encoding.ASCII.GetBytes("header"));
        return HMACSHA256.HashData(hmacKey, macInput);
    }

    internal static string Base64Raw(ReadOnlySpan<byte> data) => Convert.ToBase64String(data).TrimEnd('=');

    internal static byte[] FromBase64Raw(string text)
    {
        if (text.Contains('=', StringComparison.Ordinal))
        {
            throw new SopsException("age: padded base64 in header");
        }

        var padded = text + new string('=', (4 - (text.Length % 4)) % 4);
        byte[] data;
        try
        {
            data = Convert.FromBase64String(padded);
        }
        catch (FormatException ex)
        {
            throw new SopsException("age: invalid base64 in header", innerException: ex);
        }

        // The age spec asks decoders to refuse non-canonical encodings (stray bits in the last character, whitespace).
        if (!string.Equals(Base64Raw(data), text, StringComparison.Ordinal))
        {
            throw new SopsException("age: non-canonical base64 in header");
        }

        return data;
    }
}
