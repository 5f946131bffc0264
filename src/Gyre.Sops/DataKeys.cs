using System.Text;
using Gyre.Sops.Age;
using Gyre.Sops.Crypto;
using Gyre.Sops.Metadata;
using Gyre.Sops.Pgp;

namespace Gyre.Sops;

/// <summary>
/// Recovers the data key from the key groups as sops does: within a group any one master key suffices (age tried
/// before PGP); with several groups, Shamir shares from enough groups are combined.
/// </summary>
internal static class DataKeys
{
    public static byte[] Recover(SopsMetadata metadata, SopsKeyring keyring)
    {
        var failures = new List<string>();
        var parts = new List<byte[]>();
        var needed = metadata.KeyGroups.Count <= 1 ? 1 : (metadata.ShamirThreshold > 0 ? metadata.ShamirThreshold : metadata.KeyGroups.Count);
        foreach (var group in metadata.KeyGroups)
        {
            var part = FromGroup(group, keyring, failures);
            if (part is not null)
            {
                parts.Add(part);
                if (parts.Count == needed)
                {
                    break;
                }
            }
        }

        if (parts.Count < needed || metadata.KeyGroups.Count == 0)
        {
            var tried = failures.Count == 0 ? "the file lists no master keys" : string.Join("; ", failures);
            throw new SopsException(
                $"could not decrypt the data key ({parts.Count} of {needed} key groups opened): {tried}; provide a matching age identity (SOPS_AGE_KEY_FILE, SOPS_AGE_KEY) or OpenPGP secret key");
        }

        var key = needed == 1 ? parts[0] : Shamir.Combine(parts);
        if (key.Length != 32)
        {
            throw new SopsException($"the decrypted data key has {key.Length} bytes instead of 32");
        }

        return key;
    }

    private static byte[]? FromGroup(IReadOnlyList<MasterKey> group, SopsKeyring keyring, List<string> failures)
    {
        foreach (var key in group.OfType<AgeMasterKey>().Cast<MasterKey>().Concat(group.Where(k => k is not AgeMasterKey)))
        {
            var (data, why) = key switch
            {
                AgeMasterKey age => FromAge(age, keyring),
                PgpMasterKey pgp => FromPgp(pgp, keyring),
                UnsupportedMasterKey other => (null, $"provider '{other.Provider}' is not supported by Gyre (only age and OpenPGP are)"),
                _ => (null, "unknown key type"),
            };
            if (data is not null)
            {
                return data;
            }

            failures.Add(key.Describe() + ": " + why);
        }

        return null;
    }

    private static (byte[]? Key, string Why) FromAge(AgeMasterKey key, SopsKeyring keyring)
    {
        if (keyring.AgeIdentities.Count + keyring.AgeSshIdentities.Count == 0)
        {
            return (null, "no age identities available");
        }

        try
        {
            return (AgeFile.Decrypt(Encoding.ASCII.GetBytes(key.EncryptedKey), keyring.AgeIdentities, keyring.AgeSshIdentities, null), string.Empty);
        }
        catch (SopsException ex)
        {
            var known = string.Join(", ", keyring.AgeIdentities.Select(i => i.Recipient.Text).Concat(keyring.AgeSshIdentities.Select(i => i.Recipient)));
            return (null, ex.Reason + " (identities tried: " + known + ")");
        }
    }

    private static (byte[]? Key, string Why) FromPgp(PgpMasterKey key, SopsKeyring keyring)
    {
        if (keyring.Pgp is not null)
        {
            var data = PgpDataKey.TryDecrypt(key.EncryptedKey, keyring.Pgp);
            if (data is not null)
            {
                return (data, string.Empty);
            }
        }

        if (keyring.ExternalPgp is not null)
        {
            var data = keyring.ExternalPgp.TryDecrypt(key.Fingerprint, key.EncryptedKey);
            if (data is not null)
            {
                return (data, string.Empty);
            }
        }

        return (null, keyring.Pgp is null && keyring.ExternalPgp is null ? "no OpenPGP keys available" : "no matching OpenPGP secret key");
    }
}
