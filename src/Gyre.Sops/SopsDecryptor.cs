using System.Security.Cryptography;
using System.Text;
using Gyre.Sops.Crypto;
using Gyre.Sops.Metadata;
using Gyre.Sops.Stores;
using Gyre.Sops.Tree;

namespace Gyre.Sops;

/// <summary>
/// The entry point for decryption: the CLI's `gyre sops decrypt` and the Kustomization controller (manifests, Secret
/// values, generator files) call <see cref="Decrypt"/>; it verifies the MAC and prints plaintext exactly as sops does.
/// </summary>
public static class SopsDecryptor
{
    /// <summary>Decrypts a SOPS file and returns its plaintext in the same format.</summary>
    public static byte[] Decrypt(byte[] data, SopsFormat format, SopsKeyring keyring, SopsDecryptOptions? options = null)
    {
        options ??= new SopsDecryptOptions();
        var document = Open(data, format, keyring, options);
        var output = SopsStores.For(options.OutputFormat ?? format, options.Indent);
        return output.EmitPlain(document.Documents);
    }

    /// <summary>True when the data carries a `sops` metadata block in the given format (parse errors count as false).</summary>
    public static bool IsEncrypted(byte[] data, SopsFormat format)
    {
        try
        {
            return SopsStores.For(format).LoadEncrypted(data).Metadata is not null;
        }
        catch (SopsException)
        {
            return false;
        }
    }

    /// <summary>Decrypts into a tree with its metadata and data key, for callers that re-encrypt (edit, rotate, updatekeys).</summary>
    internal static SopsDocument Open(byte[] data, SopsFormat format, SopsKeyring keyring, SopsDecryptOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(keyring);
        try
        {
            var (documents, metadataBranch) = SopsStores.For(format).LoadEncrypted(data);
            if (metadataBranch is null)
            {
                throw new SopsException("sops metadata not found: this is not a SOPS-encrypted file (no 'sops' key)");
            }

            var metadata = MetadataReader.Read(metadataBranch);
            var key = DataKeys.Recover(metadata, keyring);
            var mac = TreeCipher.Decrypt(documents, metadata, key);
            VerifyMac(metadata, key, mac, options.IgnoreMac);
            return new SopsDocument(documents, metadata, key);
        }
        catch (SopsException ex) when (options.File is not null)
        {
            throw ex.WithFile(options.File);
        }
    }

    private static void VerifyMac(SopsMetadata metadata, byte[] key, string computed, bool ignoreMac)
    {
        if (ignoreMac)
        {
            return;
        }

        if (string.IsNullOrEmpty(metadata.Mac))
        {
            throw new SopsException("the file has no MAC, so its integrity cannot be checked; decrypt with --ignore-mac if you trust it");
        }

        string stored;
        try
        {
            stored = ValueCipher.Decrypt(metadata.Mac, key, metadata.LastModified) as string
                ?? throw new SopsException("the stored MAC is not a string");
        }
        catch (SopsException ex)
        {
            throw new SopsException("could not decrypt the MAC: the MAC or lastmodified was tampered with", innerException: ex) { IsMacMismatch = true };
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(computed)))
        {
            throw new SopsException("MAC mismatch: the file's values were changed after it was encrypted; refusing to use it (restore it from history, or decrypt it with --ignore-mac and re-encrypt the file)") { IsMacMismatch = true };
        }
    }
}
