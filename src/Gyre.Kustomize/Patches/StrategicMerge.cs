using Gyre.Kustomize.Schema;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Patches;

/// <summary>
/// Strategic merge as kyaml's merge2 walker does it: maps merge recursively, a null in the patch deletes the field,
/// $patch: delete/replace directives, and lists merge by the schema's merge key (or by "name" when every element has
/// one and the schema is silent), otherwise the patch's list replaces the target's.
/// </summary>
internal static class StrategicMerge
{
    private const string Directive = "$patch";

    /// <summary>Merges patch into target (mutated). Returns false when the patch deletes the whole object.</summary>
    public static bool Apply(YamlNode target, YamlNode patch, string? definition)
    {
        if (patch.GetString(Directive) == "delete")
        {
            return false;
        }

        MergeMapping(target, patch, definition);
        return true;
    }

    private static void MergeMapping(YamlNode target, YamlNode patch, string? definition)
    {
        if (patch.GetString(Directive) == "replace")
        {
            target.Content.Clear();
            foreach (var (key, value) in patch.Pairs().Where(p => p.Key != Directive))
            {
                target.Set(key, value.Clone());
            }

            return;
        }

        foreach (var (key, value) in patch.Pairs())
        {
            // kyaml drops $retainKeys but keeps $setElementOrder/... as an ordinary field, and so does kustomize's output.
            if (key == Directive || key == "$retainKeys")
            {
                continue;
            }

            if (value.IsNull)
            {
                target.Remove(key);
                continue;
            }

            var property = KubernetesSchema.Current.Property(definition, key);
            var existing = target.Get(key);
            if (existing is not null && !existing.IsNull && existing.Kind != value.Kind)
            {
                throw new KustomizeException(null, null, key,
                    $"wrong node kind: the patch has a {value.Kind} where the target has a {existing.Kind}; fix the patch's '{key}'");
            }

            if (existing is null || existing.IsNull || value.IsScalar)
            {
                target.Set(key, Strip(value.Clone()));
                continue;
            }

            if (value.IsMapping)
            {
                if (value.GetString(Directive) == "delete")
                {
                    target.Remove(key);
                    continue;
                }

                MergeMapping(existing, value, property?.Definition);
                continue;
            }

            target.Set(key, MergeSequence(existing, value, property));
        }
    }

    private static YamlNode MergeSequence(YamlNode target, YamlNode patch, SchemaProperty? property)
    {
        var keys = property?.MergeKeys ?? [];
        var merge = property?.Strategy?.Contains("merge", StringComparison.Ordinal) == true;
        if (patch.Content.Any(e => e.IsMapping && e.GetString(Directive) == "replace"))
        {
            return Strip(YamlNodeList(patch.Content.Where(e => !(e.IsMapping && e.GetString(Directive) == "replace"))));
        }

        if (!merge)
        {
            return Strip(patch.Clone());
        }

        if (keys.Count == 0)
        {
            var union = target.Clone();
            foreach (var item in patch.Content.Where(i => i.IsScalar && !union.Content.Any(u => u.IsScalar && u.Value == i.Value)))
            {
                union.Content.Add(item.Clone());
            }

            return union;
        }

        // As kustomize prints it: the patch's elements (merged with their matches) in patch order, then the
        // target's elements the patch did not mention, in their order.
        var remaining = target.Content.Select(e => e.Clone()).ToList();
        var result = YamlNode.Sequence();
        foreach (var element in patch.Content.Where(e => e.IsMapping))
        {
            var match = remaining.FirstOrDefault(r => r.IsMapping && keys.All(k => r.GetString(k) == element.GetString(k)));
            if (match is not null)
            {
                remaining.Remove(match);
            }

            if (element.GetString(Directive) == "delete")
            {
                continue;
            }

            if (match is null)
            {
                result.Content.Add(Strip(element.Clone()));
            }
            else
            {
                MergeMapping(match, element, property?.Definition);
                result.Content.Add(match);
            }
        }

        result.Content.AddRange(remaining);
        return result;
    }

    private static YamlNode YamlNodeList(IEnumerable<YamlNode> items)
    {
        var list = YamlNode.Sequence();
        list.Content.AddRange(items.Select(i => i.Clone()));
        return list;
    }

    /// <summary>Removes directives and nulls from a subtree that is copied rather than merged.</summary>
    private static YamlNode Strip(YamlNode node)
    {
        if (node.IsMapping)
        {
            node.Remove(Directive);
            for (var i = node.Content.Count - 2; i >= 0; i -= 2)
            {
                if (node.Content[i + 1].IsNull)
                {
                    node.Content.RemoveRange(i, 2);
                }
                else
                {
                    Strip(node.Content[i + 1]);
                }
            }
        }
        else if (node.IsSequence)
        {
            node.Content.ForEach(n => Strip(n));
        }

        return node;
    }
}
