using System.Globalization;
using System.Security.Cryptography;
using Gyre.Sops.Age;
using Gyre.Sops.Crypto;
using Gyre.Sops.Metadata;
using Gyre.Sops.Pgp;
using Gyre.Sops.Stores;
using Gyre.Sops.Tree;

namespace Gyre.Sops;

/// <summary>Encrypts plaintext into a SOPS file (`gyre sops encrypt`), and re-seals decrypted documents (edit, rotate, updatekeys).</summary>
public static class SopsEncryptor
{
    /// <summary>The sops format version Gyre writes: the layout of sops 3.13 (no empty provider lists).</summary>
    public const string FormatVersion = "3.13.1";

    /// <summary>Encrypts a plaintext file; `now` becomes lastmodified (and created_at of PGP keys).</summary>
    public static byte[] Encrypt(byte[] plaintext, SopsFormat format, SopsEncryptOptions options, SopsKeyring keyring, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keyring);
        try
        {
            var store = SopsStores.For(format, options.Indent);
            if (SopsDecryptor.IsEncrypted(plaintext, format))
            {
                throw new SopsException("the file is already encrypted (it has a 'sops' key); decrypt it first or use rotate/updatekeys");
            }

            var documents = store.LoadPlain(plaintext);
            if (options.KeyGroups.Count == 0 || options.KeyGroups.All(g => g.Count == 0))
            {
                throw new SopsException("no master keys given: pass --age or --pgp, or add a creation rule to .sops.yaml");
            }

            var dataKey = RandomNumberGenerator.GetBytes(32);
            var metadata = Settings(options) with
            {
                KeyGroups = SealDataKey(dataKey, options.KeyGroups, options.ShamirThreshold, keyring, now),
                ShamirThreshold = options.KeyGroups.Count > 1 ? (options.ShamirThreshold > 0 ? options.ShamirThreshold : options.KeyGroups.Count) : 0,
            };
            return Seal(documents, metadata, dataKey, options.OutputFormat ?? format, options.Indent, now);
        }
        catch (SopsException ex) when (options.File is not null)
        {
            throw ex.WithFile(options.File);
        }
    }

    /// <summary>Encrypts the documents with the data key and prints them with the metadata (new lastmodified and MAC).</summary>
    internal static byte[] Seal(List<SopsBranch> documents, SopsMetadata metadata, byte[] dataKey, SopsFormat format, int? indent, DateTimeOffset now)
    {
        var lastModified = Timestamp(now);
        var mac = TreeCipher.Encrypt(documents, metadata, dataKey);
        var sealedMetadata = metadata with
        {
            LastModified = lastModified,
            Mac = ValueCipher.Encrypt(mac, dataKey, lastModified),
            Version = FormatVersion,
        };
        return SopsStores.For(format, indent).EmitEncrypted(documents, MetadataWriter.Write(sealedMetadata));
    }

    /// <summary>Encrypts the data key (or its Shamir shares) to every master key of every group.</summary>
    internal static IReadOnlyList<IReadOnlyList<MasterKey>> SealDataKey(
        byte[] dataKey, IReadOnlyList<IReadOnlyList<SopsKeySpec>> groups, int threshold, SopsKeyring keyring, DateTimeOffset now)
    {
        var parts = groups.Count == 1
            ? [dataKey]
            : Shamir.Split(dataKey, groups.Count, threshold > 0 ? threshold : groups.Count);
        var result = new List<IReadOnlyList<MasterKey>>();
        for (var i = 0; i < groups.Count; i++)
        {
            result.Add(groups[i].Select(spec => SealPart(parts[i], spec, keyring, now)).ToList());
        }

        return result;
    }

    private static MasterKey SealPart(byte[] part, SopsKeySpec spec, SopsKeyring keyring, DateTimeOffset now)
    {
        if (spec.Type == SopsKeyType.Age && AgeSshRecipient.IsSsh(spec.Id))
        {
            // As sops: an SSH public key given as an age recipient is written as given ("ssh-… AAAA… [comment]").
            var ssh = AgeSshRecipient.Parse(spec.Id);
            return new AgeMasterKey(spec.Id, AgeArmor.Encode(AgeFile.Encrypt(part, [], [ssh])));
        }

        if (spec.Type == SopsKeyType.Age)
        {
            var recipient = AgeRecipient.Parse(spec.Id);
            return new AgeMasterKey(recipient.Text, AgeArmor.Encode(AgeFile.Encrypt(part, [recipient])));
        }

        var publicKey = keyring.Pgp?.FindEncryptionKey(spec.Id);
        var armored = publicKey is not null ? PgpDataKey.Encrypt(part, publicKey) : keyring.ExternalPgp?.TryEncrypt(spec.Id, part);
        if (armored is null)
        {
            throw new SopsException($"could not encrypt the data key to pgp:{spec.Id}: no public key with that fingerprint (import it into GnuPG)");
        }

        return new PgpMasterKey(spec.Id.ToUpperInvariant(), armored.TrimEnd('\n'), Timestamp(now));
    }

    private static SopsMetadata Settings(SopsEncryptOptions options)
    {
        var anyRule = options.UnencryptedSuffix ?? options.EncryptedSuffix ?? options.UnencryptedRegex ?? options.EncryptedRegex
            ?? options.UnencryptedCommentRegex ?? options.EncryptedCommentRegex;
        // As sops's metadata loader: a file with two of these rules could not be decrypted again.
        if (new[] { options.UnencryptedSuffix, options.EncryptedSuffix, options.UnencryptedRegex, options.EncryptedRegex, options.UnencryptedCommentRegex, options.EncryptedCommentRegex }
            .Count(o => !string.IsNullOrEmpty(o)) > 1)
        {
            throw new SopsException(
                "only one of unencrypted_suffix, encrypted_suffix, unencrypted_regex, encrypted_regex, unencrypted_comment_regex and encrypted_comment_regex may be set");
        }

        return new SopsMetadata
        {
            // As sops: without any rule, keys ending in _unencrypted stay in clear.
            UnencryptedSuffix = anyRule is null ? "_unencrypted" : options.UnencryptedSuffix,
            EncryptedSuffix = options.EncryptedSuffix,
            UnencryptedRegex = options.UnencryptedRegex,
            EncryptedRegex = options.EncryptedRegex,
            UnencryptedCommentRegex = options.UnencryptedCommentRegex,
            EncryptedCommentRegex = options.EncryptedCommentRegex,
            MacOnlyEncrypted = options.MacOnlyEncrypted,
        };
    }

    private static string Timestamp(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
