using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Schema;

namespace Gyre.LocalCluster.Patching;

/// <summary>
/// Strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch) driven by the schema's patch strategy and
/// merge keys: lists of objects merge by key (containers and env by name, ports by containerPort), primitive lists
/// with strategy merge union, other lists replace; directives `$patch: replace|delete|merge`,
/// `$setElementOrder/field`, `$deleteFromPrimitiveList/field` and `$retainKeys`.
/// </summary>
internal static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string SetElementOrder = "$setElementOrder/";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

    public static JsonObject Apply(JsonObject original, JsonObject patch, SchemaNode? schema) =>
        MergeMap(original.DeepClone().AsObject(), patch, schema) ?? [];

    private static JsonObject? MergeMap(JsonObject original, JsonObject patch, SchemaNode? schema)
    {
        switch (patch[PatchDirective]?.GetValue<string>())
        {
            case "delete":
                return null;
            case "replace":
                var replaced = patch.DeepClone().AsObject();
                replaced.Remove(PatchDirective);
                return replaced;
            case null or "merge":
                break;
            case var other:
                throw new ApiStatusException(422, "Invalid", $"Unknown patch directive: {other}");
        }

        foreach (var (key, value) in patch)
        {
            if (key == PatchDirective || key == RetainKeys || key.StartsWith(SetElementOrder, StringComparison.Ordinal))
            {
                continue;
            }

            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                var field = key[DeleteFromPrimitiveList.Length..];
                if (original[field] is JsonArray list && value is JsonArray remove)
                {
                    foreach (var item in list.Where(i => remove.Any(r => JsonNode.DeepEquals(r, i))).ToList())
                    {
                        list.Remove(item);
                    }
                }

                continue;
            }

            if (value is null)
            {
                original.Remove(key);
                continue;
            }

            var child = schema?.Property(key);
            original[key] = (original[key], value) switch
            {
                (JsonObject o, JsonObject p) => MergeMap(o, p, child),
                (JsonArray o, JsonArray p) => MergeList(o, p, child),
                (_, JsonObject p) => MergeMap([], p, child),
                (_, JsonArray p) => MergeList([], p, child),
                _ => value.DeepClone(),
            };
            if (original[key] is null && value is JsonObject)
            {
                original.Remove(key);
            }
        }

        foreach (var (key, value) in patch.Where(kv => kv.Key.StartsWith(SetElementOrder, StringComparison.Ordinal)).ToList())
        {
            var field = key[SetElementOrder.Length..];
            if (original[field] is JsonArray list && value is JsonArray order)
            {
                original[field] = Reorder(list, order, schema?.Property(field)?.ListMapKeys);
            }
        }

        if (patch[RetainKeys] is JsonArray retain)
        {
            var keep = retain.Select(r => r?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var key in original.Select(kv => kv.Key).Where(k => !keep.Contains(k)).ToList())
            {
                original.Remove(key);
            }
        }

        return original;
    }

    private static JsonArray MergeList(JsonArray original, JsonArray patch, SchemaNode? schema)
    {
        var strategy = schema?.PatchStrategy ?? string.Empty;
        if (!strategy.Contains("merge", StringComparison.Ordinal))
        {
            return StripDirectives(patch);
        }

        var keys = schema!.ListMapKeys;
        if (keys is null || keys.Count == 0)
        {
            // A primitive list with strategy merge is a set: union, original order first.
            var union = new JsonArray([.. original.Select(i => i?.DeepClone())]);
            foreach (var item in patch.Where(i => !original.Any(o => JsonNode.DeepEquals(o, i))))
            {
                union.Add(item?.DeepClone());
            }

            return union;
        }

        if (patch.OfType<JsonObject>().Any(p => p.Count == 1 && p[PatchDirective]?.GetValue<string>() == "replace"))
        {
            return StripDirectives(new JsonArray([.. patch.Where(p => !(p is JsonObject o && o.Count == 1 && o.ContainsKey(PatchDirective))).Select(p => p?.DeepClone())]));
        }

        var key = keys[0];
        var result = new JsonArray([.. original.Select(i => i?.DeepClone())]);
        foreach (var item in patch.OfType<JsonObject>())
        {
            var keyValue = item[key];
            var index = result.Select((r, i) => (r, i)).FirstOrDefault(x => x.r is JsonObject ro && JsonNode.DeepEquals(ro[key], keyValue), (null!, -1)).i;
            if (item[PatchDirective]?.GetValue<string>() == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }

                continue;
            }

            if (index >= 0)
            {
                result[index] = MergeMap(result[index]!.AsObject().DeepClone().AsObject(), item, schema.Items);
            }
            else
            {
                result.Add(MergeMap([], item, schema.Items));
            }
        }

        return result;
    }

    private static JsonArray StripDirectives(JsonArray list) =>
        new([.. list.Select(i => i is JsonObject o && o.ContainsKey(PatchDirective) ? Without(o, PatchDirective) : i?.DeepClone())]);

    private static JsonObject Without(JsonObject o, string key)
    {
        var copy = o.DeepClone().AsObject();
        copy.Remove(key);
        return copy;
    }

    private static JsonArray Reorder(JsonArray list, JsonArray order, IReadOnlyList<string>? keys)
    {
        JsonNode? Key(JsonNode? item) => keys is { Count: > 0 } && item is JsonObject o ? o[keys[0]] : item;
        var ordered = new List<JsonNode?>();
        foreach (var wanted in order)
        {
            var want = Key(wanted);
            ordered.AddRange(list.Where(i => JsonNode.DeepEquals(Key(i), want) && !ordered.Contains(i)));
        }

        ordered.AddRange(list.Where(i => !ordered.Contains(i)));
        return new JsonArray([.. ordered.Select(i => i?.DeepClone())]);
    }
}
