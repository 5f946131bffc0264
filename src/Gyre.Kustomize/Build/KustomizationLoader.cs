using Gyre.Kustomize.FileSystem;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Build;

/// <summary>Finds and parses the kustomization file of a directory (kustomization.yaml, kustomization.yml or Kustomization).</summary>
internal static class KustomizationLoader
{
    private static readonly string[] FileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    public static Kustomization Load(IKustomizeFileSystem fileSystem, string directory)
    {
        var found = FileNames.Select(n => PathText.Join(directory, n)).Where(fileSystem.IsFile).ToList();
        if (found.Count == 0)
        {
            throw new KustomizeException(directory, null, null,
                $"unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '{directory}'");
        }

        if (found.Count > 1)
        {
            throw new KustomizeException(directory, null, null, $"found multiple kustomization files under: {directory}; keep only one");
        }

        var file = found[0];
        YamlNode? node;
        try
        {
            node = YamlReader.ReadDocuments(fileSystem.ReadAllText(file)).FirstOrDefault();
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new KustomizeException(file, null, null, $"malformed YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", ex);
        }

        if (node is null || !node.IsMapping || node.Content.Count == 0)
        {
            throw new KustomizeException(file, null, null, "kustomization.yaml is empty");
        }

        var kustomization = new Kustomization(file, node);
        kustomization.Validate();
        return kustomization;
    }
}
