using Gyre.Api.Kustomize;
using Gyre.Cli.Flux;
using Gyre.Controllers.Common;
using Gyre.Controllers.Kustomizations;
using Gyre.Kube;
using Gyre.Manifests;
using Gyre.PostBuild;
using Gyre.Sops;

namespace Gyre.Cli.Build;

/// <summary>
/// Builds a local directory the way kustomize-controller would build it for a Kustomization in the cluster: the same
/// ManifestBuilder steps (kustomize, SOPS decryption with the Kustomization's key Secret, postBuild substitution from
/// its ConfigMaps and Secrets, owner labels), on a copy of the enclosing repository so ../ references resolve as they
/// would inside the artifact.
/// </summary>
internal static class LocalKustomizationBuild
{
    public static async Task<IReadOnlyList<KubeObject>> BuildAsync(KubeClient client, KubeObject kustomization, string path, CancellationToken cancellationToken)
    {
        var local = Path.GetFullPath(path);
        if (!Directory.Exists(local))
        {
            throw new CommandException($"build kustomization {kustomization.Name}: --path {path}: directory not found", ExitCodes.Usage);
        }

        var root = RepositoryRoot(local) ?? local;
        var spec = KustomizationSpec.From(kustomization) with { Path = "./" + Path.GetRelativePath(root, local).Replace('\\', '/') };
        var work = Directory.CreateTempSubdirectory("gyre-build-").FullName;
        try
        {
            Copy(root, work);
            var variables = await VariablesAsync(client, kustomization, spec, cancellationToken).ConfigureAwait(false);
            var keyring = await KeyringAsync(client, kustomization, spec, cancellationToken).ConfigureAwait(false);
            return ManifestBuilder.Build(work, kustomization, spec, variables, keyring, cancellationToken);
        }
        catch (ReconcileStepException ex)
        {
            throw new CommandException($"build kustomization {kustomization.Name}: {ex.Reason}: {ex.Message}");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string? RepositoryRoot(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static void Copy(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            if (Path.GetFileName(dir) != ".git")
            {
                Copy(dir, Directory.CreateDirectory(Path.Combine(to, Path.GetFileName(dir))).FullName);
            }
        }

        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    // As the reconciler: substituteFrom in order (optional ones may be missing), then spec.postBuild.substitute.
    private static async Task<IReadOnlyDictionary<string, string>?> VariablesAsync(KubeClient client, KubeObject obj, KustomizationSpec spec, CancellationToken cancellationToken)
    {
        if (spec.PostBuild is not { } postBuild)
        {
            return null;
        }

        var sources = new List<KubeObject>();
        foreach (var from in postBuild.SubstituteFrom)
        {
            var found = await ObjectReader.GetAsync(client, "v1", from.Kind, obj.Namespace, from.Name, cancellationToken).ConfigureAwait(false);
            if (found is null && !from.Optional)
            {
                throw new CommandException($"build kustomization {obj.Name}: substituteFrom {from.Kind} '{obj.Namespace}/{from.Name}' not found; create it or mark it optional: true");
            }

            if (found is not null)
            {
                sources.Add(found);
            }
        }

        try
        {
            return PostBuildSubstitution.CollectVariables(sources, postBuild.Substitute);
        }
        catch (SubstitutionException ex)
        {
            throw new CommandException($"build kustomization {obj.Name}: post build failed: {ex.Message}");
        }
    }

    private static async Task<SopsKeyring?> KeyringAsync(KubeClient client, KubeObject obj, KustomizationSpec spec, CancellationToken cancellationToken)
    {
        if (!spec.DecryptionEnabled || spec.DecryptionSecret is not { } name)
        {
            return null;
        }

        var secret = await ObjectReader.GetAsync(client, "v1", "Secret", obj.Namespace, name, cancellationToken).ConfigureAwait(false)
            ?? throw new CommandException($"build kustomization {obj.Name}: decryption secret '{obj.Namespace}/{name}' not found");
        var data = ObjectReader.SecretData(secret);
        return SopsKeyring.FromKeyMaterial(
            data.Where(p => p.Key.EndsWith(".agekey", StringComparison.Ordinal)).Select(p => ObjectReader.Text(p.Value)),
            data.Where(p => p.Key.EndsWith(".asc", StringComparison.Ordinal)).Select(p => p.Value));
    }
}
