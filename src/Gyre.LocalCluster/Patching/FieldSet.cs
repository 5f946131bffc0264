using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.LocalCluster.Schema;
using Gyre.LocalCluster.Storage;

namespace Gyre.LocalCluster.Patching;

/// <summary>
/// A set of field paths in structured-merge-diff's FieldsV1 encoding: `f:name` for a field, `k:{"name":"x"}` for an
/// associative-list item, `v:"value"` for a set item, `.` for the item itself. Lists without a key are atomic leaves.
/// </summary>
internal sealed class FieldSet
{
    public SortedDictionary<string, FieldSet> Children { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Children.Count == 0;

    /// <summary>The fields an object sets (for an applied configuration or a created object).</summary>
    public static FieldSet FromObject(JsonObject obj, SchemaNode? schema)
    {
        var set = new FieldSet();
        foreach (var (key, value) in obj)
        {
            set.Children["f:" + key] = FromValue(value, schema?.Property(key));
        }

        return set;
    }

    /// <summary>The fields whose value differs between two versions of an object (what an Update operation takes ownership of).</summary>
    public static FieldSet Changed(JsonObject? before, JsonObject after, SchemaNode? schema)
    {
        var set = new FieldSet();
        foreach (var (key, value) in after)
        {
            var old = before?[key];
            if (JsonNode.DeepEquals(old, value))
            {
                continue;
            }

            var child = schema?.Property(key);
            if (value is JsonObject o && old is JsonObject oo && o.Count > 0)
            {
                var inner = Changed(oo, o, child);
                if (!inner.IsEmpty)
                {
                    set.Children["f:" + key] = inner;
                }
            }
            else
            {
                set.Children["f:" + key] = FromValue(value, child);
            }
        }

        return set;
    }

    public static FieldSet FromFieldsV1(JsonObject? fields)
    {
        var set = new FieldSet();
        foreach (var (key, value) in fields ?? [])
        {
            set.Children[key] = FromFieldsV1(value as JsonObject);
        }

        return set;
    }

    public JsonObject ToFieldsV1()
    {
        var obj = new JsonObject();
        foreach (var (key, child) in Children)
        {
            obj[key] = child.ToFieldsV1();
        }

        return obj;
    }

    public FieldSet Union(FieldSet other)
    {
        var result = Clone();
        foreach (var (key, child) in other.Children)
        {
            result.Children[key] = result.Children.TryGetValue(key, out var mine) ? mine.Union(child) : child.Clone();
        }

        return result;
    }

    /// <summary>This set minus every path (and subtree) in <paramref name="other"/> that is a leaf there.</summary>
    public FieldSet Difference(FieldSet other)
    {
        var result = new FieldSet();
        foreach (var (key, child) in Children)
        {
            if (!other.Children.TryGetValue(key, out var theirs))
            {
                result.Children[key] = child.Clone();
            }
            else if (!theirs.IsEmpty && !child.IsEmpty)
            {
                var rest = child.Difference(theirs);
                if (!rest.IsEmpty && !(rest.Children.Count == 1 && rest.Children.ContainsKey(".")))
                {
                    result.Children[key] = rest;
                }
            }
        }

        return result;
    }

    /// <summary>Every leaf path, each as its list of path elements.</summary>
    public IEnumerable<IReadOnlyList<string>> Leaves()
    {
        foreach (var (key, child) in Children)
        {
            if (key == ".")
            {
                continue;
            }

            if (child.IsEmpty || (child.Children.Count == 1 && child.Children.ContainsKey(".")))
            {
                yield return [key];
                continue;
            }

            foreach (var leaf in child.Leaves())
            {
                yield return [key, .. leaf];
            }
        }
    }

    public FieldSet Clone()
    {
        var copy = new FieldSet();
        foreach (var (key, child) in Children)
        {
            copy.Children[key] = child.Clone();
        }

        return copy;
    }

    public static string KeyElement(JsonObject item, IReadOnlyList<string> keys)
    {
        var k = new JsonObject();
        foreach (var name in keys.Order(StringComparer.Ordinal))
        {
            k[name] = item[name]?.DeepClone();
        }

        return "k:" + k.ToJsonString(JsonContext.Options);
    }

    public static string ValueElement(JsonNode? value) => "v:" + (value?.ToJsonString(JsonContext.Options) ?? "null");

    private static FieldSet FromValue(JsonNode? value, SchemaNode? schema)
    {
        switch (value)
        {
            case JsonObject o when o.Count > 0:
                return FromObject(o, schema);
            case JsonArray a when schema?.ListMapKeys is { } keys && a.All(i => i is JsonObject):
                var list = new FieldSet();
                foreach (var item in a.OfType<JsonObject>())
                {
                    var element = FromObject(item, schema.Items);
                    element.Children["."] = new FieldSet();
                    list.Children[KeyElement(item, keys)] = element;
                }

                return list;
            case JsonArray a when schema?.IsSetList == true:
                var set = new FieldSet();
                foreach (var item in a)
                {
                    set.Children[ValueElement(item)] = new FieldSet();
                }

                return set;
            default:
                return new FieldSet();
        }
    }

    internal static bool IsIgnoredMetadataField(string key) =>
        key is "uid" or "resourceVersion" or "generation" or "creationTimestamp" or "managedFields" or "deletionTimestamp" or "deletionGracePeriodSeconds" or "selfLink";

    internal static JsonObject StripServerFields(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject meta)
        {
            foreach (var key in meta.Select(kv => kv.Key).Where(IsIgnoredMetadataField).ToList())
            {
                meta.Remove(key);
            }

            meta.Remove("name");
            meta.Remove("namespace");
            if (meta.Count == 0)
            {
                copy.Remove("metadata");
            }
        }

        copy.Remove("apiVersion");
        copy.Remove("kind");
        return copy;
    }

    internal static string Serialize(JsonNode node) => JsonSerializer.Serialize(node, JsonContext.Options);
}
