using Gyre.Sops.Metadata;
using Gyre.Sops.Stores;

namespace Gyre.Sops;

/// <summary>
/// The operations that decrypt and re-seal a file: edit (same data key, new content), rotate (new data key, same
/// master keys, optionally adding/removing some) and updatekeys (same data key, master keys from the creation rule).
/// </summary>
public static class SopsRekeying
{
    /// <summary>Decrypts, hands the plaintext to `edit`, and re-encrypts what comes back with the same data key.</summary>
    public static byte[] Edit(byte[] data, SopsFormat format, SopsKeyring keyring, Func<byte[], byte[]> edit, DateTimeOffset now, SopsDecryptOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(edit);
        options ??= new SopsDecryptOptions();
        var document = SopsDecryptor.Open(data, format, keyring, options);
        var store = SopsStores.For(format, options.Indent);
        var edited = edit(store.EmitPlain(document.Documents));
        List<Tree.SopsBranch> documents;
        try
        {
            documents = store.LoadPlain(edited);
        }
        catch (SopsException ex) when (options.File is not null)
        {
            throw new SopsException("the edited file is not valid: " + ex.Reason + "; nothing was saved", options.File, innerException: ex);
        }

        return SopsEncryptor.Seal(documents, document.Metadata, document.DataKey, format, options.Indent, now);
    }

    /// <summary>Generates a new data key and re-encrypts everything to the file's master keys (plus/minus the given ones).</summary>
    public static byte[] Rotate(byte[] data, SopsFormat format, SopsKeyring keyring, DateTimeOffset now,
        IReadOnlyList<SopsKeySpec>? add = null, IReadOnlyList<SopsKeySpec>? remove = null, SopsDecryptOptions? options = null)
    {
        options ??= new SopsDecryptOptions();
        var document = SopsDecryptor.Open(data, format, keyring, options);
        var groups = Specs(document.Metadata, options.File).Select(g => g.ToList()).ToList();
        if (add is { Count: > 0 })
        {
            groups[0].AddRange(add.Where(a => !groups[0].Contains(a)));
        }

        if (remove is { Count: > 0 })
        {
            groups = groups.Select(g => g.Where(k => !remove.Contains(k)).ToList()).ToList();
        }

        if (groups.Any(g => g.Count == 0))
        {
            throw new SopsException("rotating would leave a key group without master keys", options.File);
        }

        var dataKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var metadata = document.Metadata with
        {
            KeyGroups = SopsEncryptor.SealDataKey(dataKey, groups, document.Metadata.ShamirThreshold, keyring, now),
        };
        return SopsEncryptor.Seal(document.Documents, metadata, dataKey, format, options.Indent, now);
    }

    /// <summary>
    /// sops updatekeys: re-wraps the same data key for the given key groups (from .sops.yaml) without touching the
    /// values: every ENC value, the MAC and lastmodified stay as they are. Returns null when the groups already hold
    /// exactly these master keys (sops: "already up to date"). A non-zero threshold replaces the file's own.
    /// </summary>
    public static byte[]? UpdateKeys(byte[] data, SopsFormat format, SopsKeyring keyring, IReadOnlyList<IReadOnlyList<SopsKeySpec>> groups,
        int shamirThreshold, DateTimeOffset now, SopsDecryptOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(groups);
        options ??= new SopsDecryptOptions();
        try
        {
            var store = SopsStores.For(format, options.Indent);
            var (documents, metadataBranch) = store.LoadEncrypted(data);
            var metadata = MetadataReader.Read(metadataBranch ?? throw new SopsException("sops metadata not found: this is not a SOPS-encrypted file (no 'sops' key)"));
            if (SameKeys(metadata, groups))
            {
                return null;
            }

            var dataKey = DataKeys.Recover(metadata, keyring);
            var threshold = Math.Min(shamirThreshold > 0 ? shamirThreshold : metadata.ShamirThreshold, groups.Count);
            threshold = groups.Count > 1 ? (threshold > 0 ? threshold : groups.Count) : 0;
            var updated = metadata with
            {
                KeyGroups = SopsEncryptor.SealDataKey(dataKey, groups, threshold, keyring, now),
                ShamirThreshold = threshold,
            };
            return store.EmitEncrypted(documents, MetadataWriter.Write(updated));
        }
        catch (SopsException ex) when (options.File is not null)
        {
            throw ex.WithFile(options.File);
        }
    }

    private static bool SameKeys(SopsMetadata metadata, IReadOnlyList<IReadOnlyList<SopsKeySpec>> groups)
    {
        if (metadata.KeyGroups.Count != groups.Count)
        {
            return false;
        }

        for (var i = 0; i < groups.Count; i++)
        {
            var ours = metadata.KeyGroups[i].Select(k => k.Describe()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!ours.SetEquals(groups[i].Select(k => k.ToString())))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The key specs of a file's key groups, as they would be written by `encrypt`.</summary>
    public static IReadOnlyList<IReadOnlyList<SopsKeySpec>> Specs(SopsMetadata metadata, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.KeyGroups.Select(g => (IReadOnlyList<SopsKeySpec>)g.Select(k => k switch
        {
            AgeMasterKey age => SopsKeySpec.Age(age.Recipient),
            PgpMasterKey pgp => SopsKeySpec.Pgp(pgp.Fingerprint),
            _ => throw new SopsException($"cannot re-encrypt to {k.Describe()}: the provider is not supported by Gyre", file),
        }).ToList()).ToList();
    }
}
