using Gyre.Kustomize.Resources;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Build;

/// <summary>
/// Adds a generated ConfigMap/Secret honouring its behavior (resWrangler.appendReplaceOrMerge): create must be new;
/// merge and replace need exactly one existing object with that id and keep its name, hash option and history.
/// </summary>
internal static class GeneratedResourceMerger
{
    public static void Absorb(ResourceList resources, Resource generated, string file, string field)
    {
        var id = generated.CurrentId;
        var matches = resources.Items.Where(r => r.AllIds.Any(i => Same(i, id))).Distinct().ToList();
        var behavior = generated.Behavior ?? "create";
        if (behavior is not ("create" or "merge" or "replace"))
        {
            throw new KustomizeException(file, id.Display, field, $"unknown generator behavior '{behavior}'; use create, merge or replace");
        }

        if (matches.Count == 0)
        {
            if (behavior != "create")
            {
                throw new KustomizeException(file, id.Display, field, $"id {id} does not exist; cannot merge or replace");
            }

            resources.Add(generated, file);
            return;
        }

        if (matches.Count > 1)
        {
            throw new KustomizeException(file, id.Display, field, $"found multiple objects that could accept merge of {id}");
        }

        var old = matches[0];
        if (behavior == "create")
        {
            throw new KustomizeException(file, id.Display, field, $"id {id} exists; behavior must be merge or replace");
        }

        if (behavior == "merge")
        {
            MergeMap(generated.Node, old.Node, "data");
            MergeMap(generated.Node, old.Node, "binaryData");
        }

        var metadata = generated.Node.GetOrCreateMapping("metadata");
        MergeMap(metadata, old.Node.Get("metadata"), "labels");
        MergeMap(metadata, old.Node.Get("metadata"), "annotations");
        metadata.Set("name", YamlNode.String(old.Name));
        if (old.Namespace.Length > 0)
        {
            metadata.Set("namespace", YamlNode.String(old.Namespace));
        }
        else
        {
            metadata.Remove("namespace");
        }

        var merged = new Resource(generated.Node, old.Source) { NeedsHashSuffix = old.NeedsHashSuffix, Behavior = old.Behavior, GeneratedBy = old.GeneratedBy };
        merged.PreviousIds.AddRange(old.PreviousIds);
        merged.Prefixes.AddRange(old.Prefixes);
        merged.Suffixes.AddRange(old.Suffixes);
        resources.Replace(old, merged);
    }

    /// <summary>target[field] = old[field] overlaid by target[field] (the generated values win).</summary>
    private static void MergeMap(YamlNode target, YamlNode? oldParent, string field)
    {
        var oldMap = oldParent?.Get(field);
        if (oldMap is not { IsMapping: true } || oldMap.Content.Count == 0)
        {
            return;
        }

        var result = oldMap.Clone();
        if (target.Get(field) is { IsMapping: true } newMap)
        {
            foreach (var (key, value) in newMap.Pairs())
            {
                result.Set(key, value);
            }
        }

        target.Set(field, result);
    }

    private static bool Same(ResId a, ResId b) =>
        a.Group == b.Group && a.Version == b.Version && a.Kind == b.Kind && a.Name == b.Name
        && (a.Namespace.Length == 0 ? "default" : a.Namespace) == (b.Namespace.Length == 0 ? "default" : b.Namespace);
}
