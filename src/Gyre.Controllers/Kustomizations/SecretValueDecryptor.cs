using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Manifests;
using Gyre.Sops;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// "Secrets inside Secrets", as kustomize-controller decrypts them: a Secret's data value whose decoded bytes are a
/// whole SOPS document (found by its marker bytes) is decrypted, in the format the key's extension names (binary for
/// a key without one), and stored back base64-encoded. Without spec.decryption such a Secret is refused.
/// </summary>
internal static class SecretValueDecryptor
{
    public static KubeObject Decrypt(KubeObject secret, SopsKeyring? keyring)
    {
        if (secret.Json["data"] is not JsonObject data)
        {
            return secret;
        }

        var decrypted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, node) in data)
        {
            if (node is not JsonValue value || !value.TryGetValue<string>(out var encoded) || !TryDecode(encoded, out var bytes) || SopsMarkers.Detect(bytes) is not { } format)
            {
                continue;
            }

            if (keyring is null)
            {
                throw new ReconcileStepException(Reasons.DecryptionFailed,
                    $"{secret.Ref} data '{key}' is SOPS-encrypted and spec.decryption is not set; configure spec.decryption with provider sops and a secretRef holding the keys");
            }

            try
            {
                var plain = SopsDecryptor.Decrypt(bytes, format, keyring, new SopsDecryptOptions { File = $"{secret.Ref} data '{key}'", OutputFormat = SopsFormats.FromPath(key) });
                decrypted[key] = Convert.ToBase64String(plain);
            }
            catch (SopsException ex)
            {
                throw new ReconcileStepException(Reasons.DecryptionFailed, $"{secret.Ref} data '{key}': SOPS decryption failed: {ex.Reason}", ex);
            }
        }

        foreach (var (key, value) in decrypted)
        {
            data[key] = value;
        }

        return secret;
    }

    private static bool TryDecode(string encoded, out byte[] bytes)
    {
        bytes = new byte[encoded.Length];
        if (Convert.TryFromBase64String(encoded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}
