using Gyre.Kustomize.Patches;
using Gyre.Kustomize.Resources;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Transformers;

/// <summary>
/// `replacements:` (kustomize's replacement filter): copy one field of a source object into fields of the selected
/// targets, optionally a delimited part of it, creating missing target fields when asked.
/// </summary>
internal static class ReplacementTransformer
{
    public static void Apply(ResourceList resources, YamlNode replacement, string file)
    {
        var sourceSpec = replacement.Get("source") ?? throw new KustomizeException(file, null, "replacements", "a replacement needs a source");
        var value = SourceValue(resources, sourceSpec, file);
        foreach (var target in replacement.Get("targets")?.Content ?? [])
        {
            var select = target.Get("select") ?? throw new KustomizeException(file, null, "replacements.targets", "a replacement target needs select");
            var selector = new TargetSelector(select);
            var rejects = (target.Get("reject")?.Content ?? []).Select(r => new TargetSelector(r)).ToList();
            var options = target.Get("options");
            foreach (var resource in resources.Items.Where(r => selector.Matches(r) && !rejects.Any(x => x.Matches(r))))
            {
                foreach (var path in target.Get("fieldPaths")?.Content.Select(p => p.Value) ?? ["metadata.name"])
                {
                    SetTarget(resource, path, value, options, file);
                }
            }
        }
    }

    private static YamlNode SourceValue(ResourceList resources, YamlNode source, string file)
    {
        var selector = new TargetSelector(source);
        var matches = resources.Items.Where(selector.Matches).ToList();
        var description = $"{source.GetString("kind")}/{source.GetString("name")}";
        if (matches.Count != 1)
        {
            throw new KustomizeException(file, description, "replacements.source",
                matches.Count == 0 ? "nothing selected by the replacement source" : $"multiple matches for the replacement source: {string.Join(", ", matches.Select(m => m.CurrentId.ToString()))}");
        }

        var fieldPath = source.GetString("fieldPath") ?? "metadata.name";
        var found = ReplacementPath.Find(matches[0].Node, ReplacementPath.Split(fieldPath), create: false).FirstOrDefault()
            ?? throw new KustomizeException(file, matches[0].CurrentId.Display, fieldPath, "fieldPath is missing for the replacement source");
        var options = source.Get("options");
        if (options?.GetString("delimiter") is { Length: > 0 } delimiter)
        {
            var parts = found.Value.Split(delimiter);
            var index = int.Parse(options.GetString("index") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            if (index < 0 || index >= parts.Length)
            {
                throw new KustomizeException(file, matches[0].CurrentId.Display, fieldPath, $"options.index {index} is out of bounds for value {found.Value}");
            }

            return Plain(parts[index]);
        }

        return found.Clone();
    }

    private static void SetTarget(Resource resource, string path, YamlNode value, YamlNode? options, string file)
    {
        var create = options?.GetString("create") == "true";
        var targets = ReplacementPath.Find(resource.Node, ReplacementPath.Split(path), create).ToList();
        if (targets.Count == 0)
        {
            if (create)
            {
                return;
            }

            throw new KustomizeException(file, resource.CurrentId.Display, path, "unable to find field in replacement target; fix the fieldPath or set options.create");
        }

        foreach (var node in targets)
        {
            if (options?.GetString("delimiter") is { Length: > 0 } delimiter)
            {
                var parts = node.Value.Split(delimiter).ToList();
                var index = int.Parse(options.GetString("index") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
                if (index >= parts.Count)
                {
                    parts.Add(value.Value);
                }
                else if (index < 0)
                {
                    parts.Insert(0, value.Value);
                }
                else
                {
                    parts[index] = value.Value;
                }

                Overwrite(node, Plain(string.Join(delimiter, parts)));
                continue;
            }

            Overwrite(node, value.Clone());
        }
    }

    /// <summary>kyaml builds delimited values with NewScalarRNode (no tag), so they read back by their text.</summary>
    private static YamlNode Plain(string text) => YamlNode.Scalar(GoScalarResolver.V3.Resolve(text), text);

    private static void Overwrite(YamlNode target, YamlNode value)
    {
        if (target.Kind != value.Kind)
        {
            throw new KustomizeException($"replacement cannot change a {target.Kind} field into a {value.Kind}");
        }

        target.Tag = value.Tag;
        target.Value = value.Value;
        target.Content.Clear();
        target.Content.AddRange(value.Content);
    }
}
