using Gyre.Api.Meta;
using Gyre.Sops;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// Verifies the SOPS MAC of every encrypted manifest under the Kustomization's path as committed, before kustomize
/// rewrites it: a file whose values were edited after encryption is refused, naming the file. (Flux cannot check the
/// MAC at all, because it only sees objects after the build.)
/// </summary>
internal static class SopsFileVerifier
{
    private const long MaxFileSize = 5 * 1024 * 1024;

    public static void VerifyTree(string root, string directory, SopsKeyring keyring)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var extension = Path.GetExtension(file);
            if (extension is not (".yaml" or ".yml" or ".json") || new FileInfo(file).Length > MaxFileSize || new FileInfo(file).LinkTarget is not null)
            {
                continue;
            }

            var bytes = File.ReadAllBytes(file);
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            var isSops = extension == ".json" ? text.Contains("\"mac\": \"ENC[", StringComparison.Ordinal) : text.Contains("mac: ENC[", StringComparison.Ordinal);
            if (!isSops)
            {
                continue;
            }

            var relative = Path.GetRelativePath(root, file);
            try
            {
                SopsDecryptor.Decrypt(bytes, SopsFormats.FromPath(file), keyring, new SopsDecryptOptions { File = relative });
            }
            catch (SopsException ex)
            {
                throw new ReconcileStepException(Reasons.DecryptionFailed, $"{relative}: SOPS decryption failed: {(ex.FieldPath is null ? string.Empty : ex.FieldPath + ": ")}{ex.Reason}", ex);
            }
        }
    }
}
