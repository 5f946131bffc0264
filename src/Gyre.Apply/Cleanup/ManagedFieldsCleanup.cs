using System.Text.Json.Nodes;

namespace Gyre.Apply.Cleanup;

/// <summary>
/// fluxcd/pkg ssa cleanupMetadata as kustomize-controller configures it: before applying, the fields other tools own
/// through kubectl (client-side apply, edit, patch, server-side apply with force), the pre-SSA <c>before-first-apply</c>
/// manager and the controller's own pre-SSA Update entry are handed to the controller's Apply entry, and the kubectl
/// last-applied annotation and Flux v1 leftovers are removed. The following apply then removes every such field Git no
/// longer declares. An object annotated or labelled <c>kustomize.toolkit.fluxcd.io/ssa: Merge</c> (in Git or in the
/// cluster) is left alone, so fields added in-cluster survive.
/// </summary>
public static class ManagedFieldsCleanup
{
    /// <summary>The per-object annotation/label that opts out of the cleanup with the value <c>Merge</c>.</summary>
    public const string SsaKey = "kustomize.toolkit.fluxcd.io/ssa";

    private static readonly string[] Annotations =
    [
        "kubectl.kubernetes.io/last-applied-configuration", "kustomize.toolkit.fluxcd.io/checksum", "fluxcd.io/sync-checksum",
    ];

    private static readonly string[] Labels = ["fluxcd.io/sync-gc-mark"];

    /// <summary>
    /// The RFC 6902 patch that cleans <paramref name="live"/> for <paramref name="controller"/>, or null when there is
    /// nothing to clean or either object opts out with ssa: Merge.
    /// </summary>
    public static JsonArray? Patch(JsonObject desired, JsonObject live, string controller)
    {
        if (IsMerge(desired) || IsMerge(live))
        {
            return null;
        }

        var patch = new JsonArray();
        RemoveKeys(live, "annotations", Annotations, patch);
        RemoveKeys(live, "labels", Labels, patch);
        if (ReplaceManagers(live, controller) is { } managedFields)
        {
            patch.Add(new JsonObject { ["op"] = "replace", ["path"] = "/metadata/managedFields", ["value"] = managedFields });
        }

        return patch.Count == 0 ? null : patch;
    }

    /// <summary>Whether a managedFields entry belongs to a manager Flux takes over (prefix match, main resource only).</summary>
    public static bool IsTakenOver(string manager, string operation, string? subresource, string controller) =>
        string.IsNullOrEmpty(subresource) && (
            (manager.StartsWith("kubectl", StringComparison.Ordinal) && operation is "Apply" or "Update")
            || (manager.StartsWith("before-first-apply", StringComparison.Ordinal) && operation == "Update")
            || (manager.StartsWith(controller, StringComparison.Ordinal) && operation == "Update"));

    private static bool IsMerge(JsonObject obj) =>
        string.Equals((string?)obj["metadata"]?["annotations"]?[SsaKey], "Merge", StringComparison.OrdinalIgnoreCase)
        || string.Equals((string?)obj["metadata"]?["labels"]?[SsaKey], "Merge", StringComparison.OrdinalIgnoreCase);

    private static void RemoveKeys(JsonObject live, string map, string[] keys, JsonArray patch)
    {
        if (live["metadata"]?[map] is not JsonObject values)
        {
            return;
        }

        var present = keys.Where(values.ContainsKey).ToList();
        if (present.Count > 0 && present.Count == values.Count)
        {
            // Nothing else is left: drop the empty map itself (the same object to the API server).
            patch.Add(new JsonObject { ["op"] = "remove", ["path"] = $"/metadata/{map}" });
            return;
        }

        foreach (var key in present)
        {
            patch.Add(new JsonObject { ["op"] = "remove", ["path"] = $"/metadata/{map}/{key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}" });
        }
    }

    // PatchReplaceFieldsManagers: matching entries are merged into the controller's Apply entry (the first match is
    // renamed when there is none), which goes last; null when no entry matched.
    private static JsonArray? ReplaceManagers(JsonObject live, string controller)
    {
        if (live["metadata"]?["managedFields"] is not JsonArray entries)
        {
            return null;
        }

        var all = entries.OfType<JsonObject>().ToList();
        var previous = all.LastOrDefault(e => (string?)e["manager"] == controller && (string?)e["operation"] == "Apply");
        var merged = previous?.DeepClone().AsObject();
        var kept = new JsonArray();
        var edited = false;
        foreach (var entry in all)
        {
            if (ReferenceEquals(entry, previous))
            {
                continue;
            }

            if (!IsTakenOver((string?)entry["manager"] ?? string.Empty, (string?)entry["operation"] ?? string.Empty, (string?)entry["subresource"], controller))
            {
                kept.Add(entry.DeepClone());
                continue;
            }

            edited = true;
            if (merged is null)
            {
                merged = entry.DeepClone().AsObject();
                merged["manager"] = controller;
                merged["operation"] = "Apply";
                continue;
            }

            merged["fieldsV1"] = FieldsUnion(merged["fieldsV1"] as JsonObject, entry["fieldsV1"] as JsonObject);
        }

        if (!edited)
        {
            return null;
        }

        kept.Add(merged);
        return kept;
    }

    /// <summary>The union of two FieldsV1 tries (each key is a field, list key or value; "." marks the node itself).</summary>
    public static JsonObject? FieldsUnion(JsonObject? a, JsonObject? b)
    {
        if (a is null || b is null)
        {
            return (a ?? b)?.DeepClone().AsObject();
        }

        var result = a.DeepClone().AsObject();
        foreach (var (key, value) in b)
        {
            result[key] = result[key] is JsonObject mine && value is JsonObject theirs ? FieldsUnion(mine, theirs) : value?.DeepClone();
        }

        return result;
    }
}
