using System.Text.Json.Nodes;

namespace Gyre.Cli.Build;

/// <summary>
/// Field-level differences between the live object and the result of a server-side dry-run apply, ignoring what the
/// server owns (status, resourceVersion, managedFields, timestamps).
/// </summary>
internal static class ObjectDiff
{
    private static readonly string[] ServerMetadata = ["managedFields", "resourceVersion", "generation", "uid", "creationTimestamp"];

    public static IReadOnlyList<(string Path, string? Live, string? Merged)> Compare(JsonObject live, JsonObject merged)
    {
        var changes = new List<(string, string?, string?)>();
        Walk(string.Empty, Normalize(live), Normalize(merged), changes);
        return changes;
    }

    private static JsonObject Normalize(JsonObject obj)
    {
        var copy = SecretMask.Apply(obj).DeepClone().AsObject();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject metadata)
        {
            foreach (var field in ServerMetadata)
            {
                metadata.Remove(field);
            }
        }

        return copy;
    }

    private static void Walk(string path, JsonNode? live, JsonNode? merged, List<(string, string?, string?)> changes)
    {
        if (live is JsonObject l && merged is JsonObject m)
        {
            foreach (var key in l.Select(p => p.Key).Union(m.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                Walk(path.Length == 0 ? key : path + "." + key, l[key], m[key], changes);
            }
        }
        else if (!JsonNode.DeepEquals(live, merged))
        {
            changes.Add((path, live?.ToJsonString(), merged?.ToJsonString()));
        }
    }
}
