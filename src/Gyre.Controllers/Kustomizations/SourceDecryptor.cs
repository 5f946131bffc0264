using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Manifests;
using Gyre.Manifests.Yaml;
using Gyre.Sops;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// kustomize-controller's DecryptSources: before the build, the files and env files of every secretGenerator and
/// configMapGenerator, and patch files, reachable from spec.path (through resources and components that are
/// directories) are decrypted in place when they carry SOPS markers, inside the reconcile's private work directory,
/// which is deleted after the reconcile. Files outside the artifact root and symlinks are never read. Without
/// spec.decryption an encrypted source is refused, so ciphertext never ends up in a generated Secret.
/// </summary>
internal sealed class SourceDecryptor(string root, SopsKeyring? keyring)
{
    private const long MaxFileSize = 5 * 1024 * 1024;
    private static readonly string[] KustomizationNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
    private readonly HashSet<string> _visited = new(StringComparer.Ordinal);

    public void DecryptFrom(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!_visited.Add(full) || !Inside(full) || !Directory.Exists(full))
        {
            return;
        }

        var file = KustomizationNames.Select(n => Path.Combine(full, n)).FirstOrDefault(File.Exists);
        if (file is null || YamlReader.ReadSingle(File.ReadAllText(file), KustomizationFile.Relative(root, file)) is not JsonObject kustomization)
        {
            return;
        }

        foreach (var generator in Generators(kustomization))
        {
            foreach (var source in SpecStrings(generator["files"]))
            {
                var equals = source.IndexOf('=', StringComparison.Ordinal);
                DecryptFile(full, equals < 0 ? source : source[(equals + 1)..], env: false);
            }

            foreach (var env in SpecStrings(generator["envs"]).Concat(SpecStrings(generator["env"])))
            {
                DecryptFile(full, env, env: true);
            }
        }

        foreach (var patch in (kustomization["patches"] as JsonArray ?? []).OfType<JsonObject>().Select(p => p["path"]?.GetValue<string>()).OfType<string>()
            .Concat(SpecStrings(kustomization["patchesStrategicMerge"])))
        {
            DecryptFile(full, patch, env: false);
        }

        foreach (var entry in SpecStrings(kustomization["resources"]).Concat(SpecStrings(kustomization["components"])))
        {
            DecryptFrom(Path.Combine(full, entry));
        }
    }

    private static IEnumerable<JsonObject> Generators(JsonObject kustomization) =>
        (kustomization["secretGenerator"] as JsonArray ?? []).Concat(kustomization["configMapGenerator"] as JsonArray ?? []).OfType<JsonObject>();

    private static IEnumerable<string> SpecStrings(JsonNode? node) => node switch
    {
        JsonArray array => array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>(),
        JsonValue value when value.TryGetValue<string>(out var single) => [single],
        _ => [],
    };

    private void DecryptFile(string directory, string relative, bool env)
    {
        var path = Path.GetFullPath(Path.Combine(directory, relative));
        if (!Inside(path) || !File.Exists(path) || new FileInfo(path).LinkTarget is not null || new FileInfo(path).Length > MaxFileSize)
        {
            return;
        }

        var bytes = File.ReadAllBytes(path);
        if (SopsMarkers.Detect(bytes) is not { } format)
        {
            return;
        }

        var name = KustomizationFile.Relative(root, path);
        if (keyring is null)
        {
            throw new ReconcileStepException(Reasons.DecryptionFailed,
                $"{name} is SOPS-encrypted and spec.decryption is not set; configure spec.decryption with provider sops and a secretRef holding the keys");
        }

        try
        {
            var output = env ? SopsFormat.Dotenv : SopsFormats.FromPath(path);
            File.WriteAllBytes(path, SopsDecryptor.Decrypt(bytes, format, keyring, new SopsDecryptOptions { File = name, OutputFormat = output }));
        }
        catch (SopsException ex)
        {
            throw new ReconcileStepException(Reasons.DecryptionFailed, $"{name}: SOPS decryption failed: {ex.Reason}", ex);
        }
    }

    private bool Inside(string path) => path == Path.GetFullPath(root) || path.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
