using Gyre.Kustomize.Build;
using Gyre.Kustomize.Resources;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Patches;

/// <summary>
/// patchesStrategicMerge, patches and patchesJson6902 (kustomize's PatchStrategicMergeTransformer, PatchTransformer
/// and PatchJson6902Transformer). A patch without target applies to the object with its own id; a target selects by
/// regular expressions and selectors.
/// </summary>
internal static class PatchTransformer
{
    public static void ApplyStrategicMergeEntries(ResourceList resources, List<string> entries, Loader loader)
    {
        foreach (var entry in entries)
        {
            var (text, where) = LoadEntry(entry, loader, "patchesStrategicMerge");
            foreach (var patch in ResourceParser.Parse(text, where))
            {
                ApplyByOwnId(resources, patch, where, "patchesStrategicMerge");
            }
        }
    }

    public static void ApplyPatch(ResourceList resources, YamlNode entry, Loader loader, string field)
    {
        var inline = entry.GetString("patch")?.Trim() ?? string.Empty;
        var path = entry.GetString("path") ?? string.Empty;
        if (inline.Length == 0 && path.Length == 0)
        {
            throw new KustomizeException(loader.KustomizationFile, null, field, "must specify one of patch and path");
        }

        if (inline.Length > 0 && path.Length > 0)
        {
            throw new KustomizeException(loader.KustomizationFile, path, field, "patch and path can't be set at the same time");
        }

        var where = path.Length > 0 ? loader.Resolve(path) : $"{loader.KustomizationFile}: {field} (inline patch)";
        var text = path.Length > 0 ? loader.ReadFile(path, field) : inline;
        var document = ParseSingle(text, where);
        var target = entry.Get("target") is { IsMapping: true } t ? new TargetSelector(t) : null;
        var options = entry.Get("options");
        var allowNameChange = options?.GetString("allowNameChange") == "true";
        var allowKindChange = options?.GetString("allowKindChange") == "true";
        if (document is { IsSequence: true })
        {
            if (target is null)
            {
                throw new KustomizeException(loader.KustomizationFile, path.Length > 0 ? path : null, field, "must specify a target for JSON patch");
            }

            foreach (var resource in resources.Items.Where(target.Matches).ToList())
            {
                resource.RecordCurrentId();
                try
                {
                    JsonPatch.Apply(resource.Node, document, where);
                }
                catch (KustomizeException ex) when (ex.ObjectRef is null)
                {
                    throw new KustomizeException(ex.File, resource.CurrentId.Display, ex.Field, ex.Reason ?? ex.Message);
                }
            }

            return;
        }

        foreach (var patch in ResourceParser.Parse(text, where))
        {
            if (target is null)
            {
                ApplyByOwnId(resources, patch, where, field, allowNameChange, allowKindChange);
                continue;
            }

            foreach (var resource in resources.Items.Where(target.Matches).ToList())
            {
                ApplyTo(resources, resource, patch, allowNameChange, allowKindChange, where);
            }
        }
    }

    private static YamlNode? ParseSingle(string text, string where)
    {
        try
        {
            return YamlReader.ReadDocuments(text).FirstOrDefault(d => d is not null);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new KustomizeException(where, null, null, $"unable to parse SM or JSON patch: {ex.Message}", ex);
        }
    }

    private static (string Text, string Where) LoadEntry(string entry, Loader loader, string field)
    {
        if (entry.Contains('\n', StringComparison.Ordinal) || !loader.FileSystem.IsFile(loader.Resolve(entry)) && entry.Contains(':', StringComparison.Ordinal))
        {
            return (entry, $"{loader.KustomizationFile}: {field} (inline patch)");
        }

        return (loader.ReadFile(entry, field), loader.Resolve(entry));
    }

    private static void ApplyByOwnId(ResourceList resources, Resource patch, string where, string field, bool allowNameChange = false, bool allowKindChange = false)
    {
        var id = patch.CurrentId;
        var matches = resources.Items.Where(r => r.AllIds.Any(i => SameId(i, id))).Distinct().ToList();
        if (matches.Count != 1)
        {
            var why = matches.Count == 0 ? "no matches for Id" : "multiple matches for Id";
            throw new KustomizeException(where, id.Display, field, $"{why} {id}; failed to find unique target for patch {id}");
        }

        ApplyTo(resources, matches[0], patch, allowNameChange, allowKindChange, where);
    }

    private static bool SameId(ResId a, ResId b) =>
        a.Group == b.Group && a.Version == b.Version && a.Kind == b.Kind && a.Name == b.Name
        && (a.Namespace.Length == 0 ? "default" : a.Namespace) == (b.Namespace.Length == 0 ? "default" : b.Namespace);

    private static void ApplyTo(ResourceList resources, Resource resource, Resource patch, bool allowNameChange, bool allowKindChange, string where)
    {
        var (name, ns, kind, apiVersion) = (resource.Name, resource.Namespace, resource.Kind, resource.ApiVersion);
        if (allowNameChange || allowKindChange)
        {
            resource.RecordCurrentId();
        }

        var patchNode = patch.Node.Clone();
        patchNode.Set("apiVersion", YamlNode.String(apiVersion));
        var id = resource.CurrentId;
        var definition = KubernetesSchema.Current.DefinitionFor(id.Group, id.Version, id.Kind);
        bool kept;
        try
        {
            kept = StrategicMerge.Apply(resource.Node, patchNode, definition);
        }
        catch (KustomizeException ex) when (ex.File is null)
        {
            throw new KustomizeException(where, id.Display, ex.Field, ex.Reason ?? ex.Message);
        }

        if (!kept)
        {
            resources.Remove(resource);
            return;
        }

        if (!allowKindChange)
        {
            resource.Node.Set("kind", YamlNode.String(kind));
        }
        else if (patch.Kind.Length > 0)
        {
            resource.Node.Set("kind", YamlNode.String(patch.Kind));
        }

        var metadata = resource.Node.GetOrCreateMapping("metadata");
        if (!allowNameChange)
        {
            metadata.Set("name", YamlNode.String(name));
        }

        if (ns.Length > 0)
        {
            metadata.Set("namespace", YamlNode.String(ns));
        }
        else
        {
            metadata.Remove("namespace");
        }
    }
}
