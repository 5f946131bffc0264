using System.Text.Json.Nodes;

namespace Gyre.Apply.Diff;

/// <summary>
/// The fields in which a server-side dry-run result differs from the live object, as dotted paths
/// (<c>spec.replicas</c>, <c>spec.template.spec.containers[0].image</c>): what drifted, for the drift event. Fields
/// the server rewrites on every write (managedFields, resourceVersion, generation) and status are not drift.
/// </summary>
public static class FieldDiff
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "metadata.managedFields", "metadata.resourceVersion", "metadata.generation", "status",
    };

    /// <summary>Up to <paramref name="max"/> differing paths, in document order; empty when the two are equal.</summary>
    public static IReadOnlyList<string> Paths(JsonNode? live, JsonNode? desired, int max = 20)
    {
        var paths = new List<string>();
        Walk(live, desired, string.Empty, paths, max);
        return paths;
    }

    private static void Walk(JsonNode? live, JsonNode? desired, string path, List<string> paths, int max)
    {
        if (paths.Count >= max || Ignored.Contains(path) || JsonNode.DeepEquals(live, desired))
        {
            return;
        }

        switch (live, desired)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(p => p.Key).Concat(b.Select(p => p.Key).Where(k => !a.ContainsKey(k))))
                {
                    Walk(a[key], b[key], path.Length == 0 ? key : $"{path}.{key}", paths, max);
                }

                break;
            case (JsonArray a, JsonArray b) when a.Count == b.Count:
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], b[i], $"{path}[{i}]", paths, max);
                }

                break;
            default:
                paths.Add(path);
                break;
        }
    }
}
