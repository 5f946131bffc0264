using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Schema;

namespace Gyre.LocalCluster.Patching;

/// <summary>
/// Server-side apply (structured-merge-diff as kube-apiserver runs it): the applied configuration's fields become the
/// manager's Apply set; fields another manager owns with a different value are conflicts (409 naming the managers
/// and fields) unless forced, which moves ownership; fields the manager applied before and no longer applies are
/// removed unless someone else owns them; the rest merges structurally (maps by field, associative lists by key).
/// </summary>
internal static class ServerSideApply
{
    public static JsonObject Apply(JsonObject? current, JsonObject applied, string manager, bool force, SchemaNode? schema, string apiVersion, string now, ResourceRef resource, string name)
    {
        var appliedSet = FieldSet.FromObject(FieldSet.StripServerFields(applied), schema);
        var entries = current is null ? [] : ManagedFields.Read(current);
        var result = current?.DeepClone().AsObject() ?? applied.DeepClone().AsObject();
        if (current is not null)
        {
            ResolveConflicts(current, applied, appliedSet, entries, manager, force, resource, name);
            var previous = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == "Apply")?.Fields ?? new FieldSet();
            var others = entries.Where(e => !(e.Manager == manager && e.Operation == "Apply")).Aggregate(new FieldSet(), (acc, e) => acc.Union(e.Fields));
            foreach (var path in previous.Difference(appliedSet).Leaves())
            {
                if (!Owns(others, path))
                {
                    FieldPath.Remove(result, path);
                }
            }

            MergeInto(result, applied, schema);
            result["metadata"]!["resourceVersion"] = current["metadata"]?["resourceVersion"]?.DeepClone();
        }

        entries.RemoveAll(e => e.Manager == manager && e.Operation == "Apply");
        entries.Add(new ManagedFieldsEntry(manager, "Apply", apiVersion, now, null, appliedSet));
        ManagedFields.Write(result, entries);
        return result;
    }

    private static void ResolveConflicts(JsonObject current, JsonObject applied, FieldSet appliedSet, List<ManagedFieldsEntry> entries, string manager, bool force, ResourceRef resource, string name)
    {
        var conflicts = new List<(string Manager, string ApiVersion, IReadOnlyList<string> Path)>();
        var leaves = appliedSet.Leaves().ToList();
        foreach (var entry in entries.Where(e => e.Manager != manager))
        {
            foreach (var path in leaves.Where(p => Owns(entry.Fields, p)))
            {
                if (!JsonNode.DeepEquals(FieldPath.Get(current, path), FieldPath.Get(applied, path)))
                {
                    conflicts.Add((entry.Manager, entry.ApiVersion, path));
                }
            }
        }

        if (conflicts.Count == 0)
        {
            return;
        }

        if (!force)
        {
            throw ConflictError(conflicts, resource, name);
        }

        // Forcing moves ownership of the conflicting fields to the applier.
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            var lost = new FieldSet();
            foreach (var c in conflicts.Where(c => c.Manager == entries[i].Manager))
            {
                lost = lost.Union(FieldPath.ToSet(c.Path));
            }

            var rest = entries[i].Fields.Difference(lost);
            entries[i] = entries[i] with { Fields = rest };
            if (rest.IsEmpty)
            {
                entries.RemoveAt(i);
            }
        }
    }

    private static ApiStatusException ConflictError(List<(string Manager, string ApiVersion, IReadOnlyList<string> Path)> conflicts, ResourceRef resource, string name)
    {
        var causes = conflicts.Select(c => new StatusCause("FieldManagerConflict", $"conflict with \"{c.Manager}\" using {c.ApiVersion}", FieldPath.Format(c.Path))).ToList();
        string message;
        if (conflicts.Count == 1)
        {
            message = $"Apply failed with 1 conflict: conflict with \"{conflicts[0].Manager}\" using {conflicts[0].ApiVersion}: {FieldPath.Format(conflicts[0].Path)}";
        }
        else
        {
            var lines = conflicts.GroupBy(c => c.Manager).Select(g => $"conflicts with \"{g.Key}\" using {g.First().ApiVersion}:\n" + string.Join("\n", g.Select(c => "- " + FieldPath.Format(c.Path))));
            message = $"Apply failed with {conflicts.Count} conflicts: " + string.Join("\n", lines);
        }

        return new ApiStatusException(409, "Conflict", message, name, resource.Group, resource.Plural, causes);
    }

    private static bool Owns(FieldSet set, IReadOnlyList<string> path)
    {
        var node = set;
        foreach (var element in path)
        {
            if (!node.Children.TryGetValue(element, out var next))
            {
                return false;
            }

            node = next;
            if (node.IsEmpty)
            {
                return true;
            }
        }

        return true;
    }

    /// <summary>Merges an applied configuration into the live object: maps by field, associative lists by key, sets by value, the rest replaced.</summary>
    public static void MergeInto(JsonObject target, JsonObject applied, SchemaNode? schema)
    {
        foreach (var (key, value) in applied)
        {
            if (key == "metadata" && value is JsonObject meta && target["metadata"] is JsonObject targetMeta)
            {
                foreach (var (mk, mv) in meta)
                {
                    if (!FieldSet.IsIgnoredMetadataField(mk))
                    {
                        targetMeta[mk] = mv is JsonObject mo && targetMeta[mk] is JsonObject to ? Merged(to, mo, null) : mv?.DeepClone();
                    }
                }

                continue;
            }

            var child = schema?.Property(key);
            target[key] = (target[key], value) switch
            {
                (JsonObject t, JsonObject a) => Merged(t, a, child),
                (JsonArray t, JsonArray a) when child?.ListMapKeys is { } keys => MergeList(t, a, keys, child.Items),
                (JsonArray t, JsonArray a) when child?.IsSetList == true => new JsonArray([.. t.Select(i => i?.DeepClone()), .. a.Where(i => !t.Any(x => JsonNode.DeepEquals(x, i))).Select(i => i?.DeepClone())]),
                _ => value?.DeepClone(),
            };
        }
    }

    private static JsonObject Merged(JsonObject target, JsonObject applied, SchemaNode? schema)
    {
        var copy = target.DeepClone().AsObject();
        MergeInto(copy, applied, schema);
        return copy;
    }

    private static JsonArray MergeList(JsonArray target, JsonArray applied, IReadOnlyList<string> keys, SchemaNode? items)
    {
        var result = new JsonArray([.. target.Select(i => i?.DeepClone())]);
        foreach (var item in applied.OfType<JsonObject>())
        {
            var match = result.OfType<JsonObject>().FirstOrDefault(r => keys.All(k => JsonNode.DeepEquals(r[k], item[k])));
            if (match is null)
            {
                result.Add(item.DeepClone());
            }
            else
            {
                MergeInto(match, item, items);
            }
        }

        return result;
    }
}
