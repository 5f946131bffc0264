using System.Text.Json.Nodes;
using Gyre.Api.Kustomize;
using Gyre.Api.Meta;
using Gyre.Manifests;
using Gyre.Manifests.Yaml;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// Prepares spec.path for the build as fluxcd/pkg kustomize's generator does: when the directory has no kustomization
/// file one is generated listing every manifest under it (a sub-directory with its own kustomization is listed as a
/// whole); then the Kustomization's overlay fields (targetNamespace, namePrefix/Suffix, patches, images, components)
/// are written into it.
/// </summary>
internal static class KustomizationFile
{
    private static readonly string[] Names = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    public static void Prepare(string root, string directory, KustomizationSpec spec)
    {
        var existing = Names.Select(n => Path.Combine(directory, n)).FirstOrDefault(File.Exists);
        JsonObject kustomization;
        string file;
        if (existing is null)
        {
            file = Path.Combine(directory, Names[0]);
            kustomization = Generate(root, directory);
        }
        else
        {
            file = existing;
            if (!HasOverlay(spec))
            {
                return;
            }

            kustomization = YamlReader.ReadSingle(File.ReadAllText(existing), Relative(root, existing)) as JsonObject
                ?? throw new ReconcileStepException(Reasons.BuildFailed, $"{Relative(root, existing)}: not a kustomization: the document is not a mapping");
        }

        Overlay(kustomization, spec, directory);
        File.WriteAllText(file, YamlWriter.Write(kustomization));
    }

    private static bool HasOverlay(KustomizationSpec spec) =>
        spec.TargetNamespace is not null || spec.NamePrefix is not null || spec.NameSuffix is not null
        || spec.Patches is { Count: > 0 } || spec.Images is { Count: > 0 } || spec.Components.Count > 0;

    private static JsonObject Generate(string root, string directory)
    {
        var resources = new JsonArray();
        foreach (var entry in Resources(root, directory, directory))
        {
            resources.Add(entry);
        }

        return new JsonObject
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
            ["kind"] = "Kustomization",
            ["resources"] = resources,
        };
    }

    private static IEnumerable<string> Resources(string root, string top, string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            if ((file.EndsWith(".yaml", StringComparison.Ordinal) || file.EndsWith(".yml", StringComparison.Ordinal)) && IsManifest(root, file))
            {
                yield return Path.GetRelativePath(top, file).Replace('\\', '/');
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            if (Names.Any(n => File.Exists(Path.Combine(sub, n))))
            {
                yield return Path.GetRelativePath(top, sub).Replace('\\', '/');
                continue;
            }

            foreach (var nested in Resources(root, top, sub))
            {
                yield return nested;
            }
        }
    }

    // As Flux's generator: only files holding Kubernetes objects become resources (values files, configs are skipped).
    private static bool IsManifest(string root, string file)
    {
        try
        {
            var objects = KubeObject.ParseStream(File.ReadAllText(file), Relative(root, file));
            return objects.Count > 0 && objects.All(o => o.ApiVersion.Length > 0 && o.Kind.Length > 0);
        }
        catch (ManifestException)
        {
            return false;
        }
    }

    private static void Overlay(JsonObject kustomization, KustomizationSpec spec, string directory)
    {
        if (spec.TargetNamespace is { } ns)
        {
            kustomization["namespace"] = ns;
        }

        if (spec.NamePrefix is { } prefix)
        {
            kustomization["namePrefix"] = prefix;
        }

        if (spec.NameSuffix is { } suffix)
        {
            kustomization["nameSuffix"] = suffix;
        }

        Append(kustomization, "patches", spec.Patches?.Select(p => p?.DeepClone()));
        Append(kustomization, "images", spec.Images?.Select(i => i?.DeepClone()));
        // spec.ignoreMissingComponents: a component path that does not exist in this revision is dropped, not an error.
        var components = spec.IgnoreMissingComponents ? spec.Components.Where(c => Directory.Exists(Path.Combine(directory, c))) : spec.Components;
        Append(kustomization, "components", components.Select(c => (JsonNode?)c));
    }

    private static void Append(JsonObject kustomization, string key, IEnumerable<JsonNode?>? items)
    {
        var list = items?.ToList();
        if (list is null || list.Count == 0)
        {
            return;
        }

        if (kustomization[key] is not JsonArray array)
        {
            array = [];
            kustomization[key] = array;
        }

        foreach (var item in list)
        {
            array.Add(item);
        }
    }

    internal static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
