using Gyre.Sops.Tree;

namespace Gyre.Sops.Metadata;

/// <summary>Writes <see cref="SopsMetadata"/> as the `sops` block in the field order sops 3.13 uses (empty lists omitted).</summary>
internal static class MetadataWriter
{
    public static SopsBranch Write(SopsMetadata metadata)
    {
        var sops = new SopsBranch();
        if (metadata.KeyGroups.Count > 1)
        {
            if (metadata.ShamirThreshold > 0)
            {
                sops.Add(new SopsItem("shamir_threshold", (long)metadata.ShamirThreshold));
            }

            sops.Add(new SopsItem("key_groups", metadata.KeyGroups.Select(g => (object?)WriteGroup(g)).ToList()));
        }

        var single = metadata.KeyGroups.Count == 1 ? metadata.KeyGroups[0] : [];
        AddAge(sops, single);
        sops.Add(new SopsItem("lastmodified", metadata.LastModified));
        sops.Add(new SopsItem("mac", metadata.Mac ?? string.Empty));
        AddPgp(sops, single);
        AddIfSet(sops, "unencrypted_suffix", metadata.UnencryptedSuffix);
        AddIfSet(sops, "encrypted_suffix", metadata.EncryptedSuffix);
        AddIfSet(sops, "unencrypted_regex", metadata.UnencryptedRegex);
        AddIfSet(sops, "encrypted_regex", metadata.EncryptedRegex);
        AddIfSet(sops, "unencrypted_comment_regex", metadata.UnencryptedCommentRegex);
        AddIfSet(sops, "encrypted_comment_regex", metadata.EncryptedCommentRegex);
        if (metadata.MacOnlyEncrypted)
        {
            sops.Add(new SopsItem("mac_only_encrypted", true));
        }

        sops.Add(new SopsItem("version", metadata.Version));
        return sops;
    }

    private static SopsBranch WriteGroup(IReadOnlyList<MasterKey> group)
    {
        var branch = new SopsBranch();
        AddPgp(branch, group);
        AddAge(branch, group);
        return branch;
    }

    private static void AddAge(SopsBranch target, IReadOnlyList<MasterKey> keys)
    {
        var age = keys.OfType<AgeMasterKey>().Select(k => (object?)new SopsBranch
        {
            new("recipient", k.Recipient),
            new("enc", k.EncryptedKey),
        }).ToList();
        if (age.Count > 0)
        {
            target.Add(new SopsItem("age", age));
        }
    }

    private static void AddPgp(SopsBranch target, IReadOnlyList<MasterKey> keys)
    {
        var pgp = keys.OfType<PgpMasterKey>().Select(k => (object?)new SopsBranch
        {
            new("created_at", k.CreatedAt),
            new("enc", k.EncryptedKey),
            new("fp", k.Fingerprint),
        }).ToList();
        if (pgp.Count > 0)
        {
            target.Add(new SopsItem("pgp", pgp));
        }
    }

    private static void AddIfSet(SopsBranch target, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            target.Add(new SopsItem(key, value));
        }
    }
}
