using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Api.Kustomize;
using Gyre.Api.Meta;
using Gyre.Kustomize;
using Gyre.Kustomize.FileSystem;
using Gyre.Kustomize.Remote;
using Gyre.Manifests;
using Gyre.PostBuild;
using Gyre.Sops;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// Steps 5–10 of kustomize-controller's flow on an unpacked artifact: prepare kustomization.yaml, build with
/// Gyre.Kustomize, decrypt SOPS objects (or refuse them when spec.decryption is not set), substitute postBuild
/// variables, then add commonMetadata and the owner labels that tie each object to this Kustomization.
/// </summary>
internal static class ManifestBuilder
{
    public static IReadOnlyList<KubeObject> Build(
        string root, KubeObject kustomization, KustomizationSpec spec, IReadOnlyDictionary<string, string>? variables, SopsKeyring? keyring,
        CancellationToken cancellationToken) =>
        Build(root, kustomization, spec, variables, keyring, null, out _, cancellationToken);

    /// <summary>As <see cref="Build(string, KubeObject, KustomizationSpec, IReadOnlyDictionary{string, string}?, SopsKeyring?, CancellationToken)"/>,
    /// fetching remote bases with <paramref name="remote"/> (null: the engine refuses them), and giving the sha256 digest of the built, substituted
    /// documents (before owner labels) that status.history records.</summary>
    public static IReadOnlyList<KubeObject> Build(
        string root, KubeObject kustomization, KustomizationSpec spec, IReadOnlyDictionary<string, string>? variables, SopsKeyring? keyring,
        IRemoteFetcher? remote, out string digest, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(Path.Combine(root, spec.Path.TrimStart('/')));
        if (!directory.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal) || !Directory.Exists(directory))
        {
            throw new ReconcileStepException(Reasons.ArtifactFailed, $"kustomization path not found: spec.path '{spec.Path}' does not exist in the artifact");
        }

        if (spec.DecryptionEnabled && keyring is not null)
        {
            SopsFileVerifier.VerifyTree(root, directory, keyring);
        }

        string yaml;
        try
        {
            KustomizationFile.Prepare(root, directory, spec);
            new SourceDecryptor(root, spec.DecryptionEnabled ? keyring : null).DecryptFrom(directory);
            yaml = new Kustomizer(new DiskFileSystem(), new KustomizeOptions { RemoteFetcher = remote }).Build(directory, cancellationToken).Yaml;
        }
        catch (KustomizeException ex)
        {
            throw new ReconcileStepException(Reasons.BuildFailed, "kustomize build failed: " + Unroot(ex.Message, root), ex);
        }
        catch (ManifestException ex)
        {
            throw new ReconcileStepException(Reasons.BuildFailed, "kustomize build failed: " + Unroot(ex.Message, root), ex);
        }

        var substitution = variables is not null && (variables.Count > 0 || spec.PostBuild?.Always == true)
            ? new PostBuildSubstitution(variables, strict: true)
            : null;
        var objects = new List<KubeObject>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var document in BuildOutput.Documents(yaml))
        {
            var built = KubeObject.Parse(document);
            var obj = Decrypt(built, spec, keyring);
            var text = document;
            if (substitution is not null && !PostBuildSubstitution.IsDisabled(obj))
            {
                // As Flux does (res.AsYAML), substitute in the YAML the build printed: "${replicas}" can become the number 3.
                (obj, text) = Substitute(substitution, obj, ReferenceEquals(obj, built) ? document : obj.ToYaml());
            }

            // Decrypted objects count as their committed (encrypted) text: no digest of secret values lands in status.
            hash.AppendData(Encoding.UTF8.GetBytes(objects.Count == 0 ? text : "---\n" + text));
            Label(obj, kustomization, spec);
            objects.Add(obj);
        }

        digest = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
        return objects;
    }

    private static KubeObject Decrypt(KubeObject obj, KustomizationSpec spec, SopsKeyring? keyring)
    {
        if (string.Equals(obj.GetAnnotation(FluxAnnotations.Decrypt) ?? obj.GetLabel(FluxAnnotations.Decrypt), "disabled", StringComparison.OrdinalIgnoreCase))
        {
            return obj;
        }

        if (obj.Json["sops"] is not JsonObject)
        {
            return obj.Kind == "Secret" && obj.Group.Length == 0 ? SecretValueDecryptor.Decrypt(obj, spec.DecryptionEnabled ? keyring : null) : obj;
        }

        if (!spec.DecryptionEnabled || keyring is null)
        {
            throw new ReconcileStepException(Reasons.DecryptionFailed,
                $"{obj.Ref} is SOPS-encrypted and spec.decryption is not set; configure spec.decryption with provider sops and a secretRef holding the keys");
        }

        try
        {
            // The MAC was verified on the committed file before the build (SopsFileVerifier): kustomize reorders fields and
            // adds labels, so the built object can no longer match it, which is why Flux skips the check here too.
            var plain = SopsDecryptor.Decrypt(Encoding.UTF8.GetBytes(obj.ToJson()), SopsFormat.Json, keyring, new SopsDecryptOptions { IgnoreMac = true });
            return new KubeObject(JsonNode.Parse(plain) as JsonObject ?? throw new ReconcileStepException(Reasons.DecryptionFailed, $"{obj.Ref}: decrypted content is not an object"));
        }
        catch (SopsException ex)
        {
            throw new ReconcileStepException(Reasons.DecryptionFailed, $"{obj.Ref}: SOPS decryption failed: {ex.Message}", ex);
        }
    }

    private static (KubeObject Object, string Yaml) Substitute(PostBuildSubstitution substitution, KubeObject obj, string yaml)
    {
        try
        {
            var substituted = substitution.Substitute(yaml, obj.Ref);
            return (KubeObject.Parse(substituted), substituted);
        }
        catch (SubstitutionException ex)
        {
            throw new ReconcileStepException(Reasons.BuildFailed, $"post build failed for {obj.Ref}: {ex.Message}", ex);
        }
    }

    private static void Label(KubeObject obj, KubeObject kustomization, KustomizationSpec spec)
    {
        foreach (var (key, value) in spec.CommonLabels)
        {
            obj.SetLabel(key, value);
        }

        foreach (var (key, value) in spec.CommonAnnotations)
        {
            obj.SetAnnotation(key, value);
        }

        obj.SetLabel(FluxAnnotations.KustomizeName, kustomization.Name);
        obj.SetLabel(FluxAnnotations.KustomizeNamespace, kustomization.Namespace);
    }

    // The temporary directory means nothing to the user: name files relative to the artifact root.
    private static string Unroot(string message, string root) =>
        message.Replace(Path.GetFullPath(root) + "/", string.Empty, StringComparison.Ordinal).Replace(Path.GetFullPath(root), ".", StringComparison.Ordinal);
}
