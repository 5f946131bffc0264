using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Http;
using Gyre.LocalCluster.Storage;

namespace Gyre.LocalCluster.Objects;

/// <summary>The scale subresource (autoscaling/v1 Scale) over spec.replicas and status.replicas/selector.</summary>
internal static class Scale
{
    public static JsonObject From(ResourceInfo resource, JsonObject obj)
    {
        var meta = new ObjectMeta(obj);
        var status = new JsonObject { ["replicas"] = ReadPath(obj, resource.StatusReplicasPath)?.DeepClone() ?? 0 };
        var selector = resource.IsCustom ? (resource.LabelSelectorPath is { Length: > 0 } path ? ReadPath(obj, path)?.DeepClone() : null) : SelectorText(obj);
        if (selector is not null)
        {
            status["selector"] = selector;
        }

        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = meta.Name,
                ["namespace"] = meta.Namespace,
                ["uid"] = meta.Uid,
                ["resourceVersion"] = meta.ResourceVersion,
                ["creationTimestamp"] = meta.GetString("creationTimestamp"),
            },
            ["spec"] = new JsonObject { ["replicas"] = ReadPath(obj, resource.SpecReplicasPath)?.DeepClone() ?? 0 },
            ["status"] = status,
        };
    }

    public static JsonObject Update(ClusterState state, ApiRequest request, JsonObject scale, StoreTransaction tx)
    {
        var name = request.Path.Name!;
        var current = tx.Get(request.Resource.StorageKey, request.Namespace, name) ?? throw ApiStatusException.NotFound(request.Ref, name);
        var replicas = scale["spec"]?["replicas"] is JsonValue v && v.TryGetValue<long>(out var r) ? r : -1;
        if (replicas < 0)
        {
            throw ApiStatusException.Invalid("Scale", "autoscaling", name, [new StatusCause("FieldValueInvalid", $"Invalid value: {replicas}: must be greater than or equal to 0", "spec.replicas")]);
        }

        var rv = scale["metadata"]?["resourceVersion"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(rv) && rv != new ObjectMeta(current.Object).ResourceVersion)
        {
            throw ApiStatusException.Conflict(request.Ref, name, "the object has been modified; please apply your changes to the latest version and try again");
        }

        var obj = current.Object.DeepClone().AsObject();
        WritePath(obj, request.Resource.SpecReplicasPath, replicas);
        if (new ObjectMeta(obj).Generation > 0 && !JsonNode.DeepEquals(obj, current.Object))
        {
            new ObjectMeta(obj).Node["generation"] = new ObjectMeta(obj).Generation + 1;
        }

        if (request.DryRun)
        {
            return From(request.Resource, obj);
        }

        var stored = JsonNode.DeepEquals(obj, current.Object) ? current : tx.Put(current.Key, current.Namespace, current.Name, obj, created: false);
        return From(request.Resource, stored.Object);
    }

    public static JsonNode? ReadPath(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.TrimStart('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node;
    }

    private static void WritePath(JsonObject obj, string path, long value)
    {
        var parts = path.TrimStart('.').Split('.');
        var node = obj;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject next)
            {
                next = [];
                node[part] = next;
            }

            node = next;
        }

        node[parts[^1]] = value;
    }

    private static JsonValue? SelectorText(JsonObject obj)
    {
        if (obj["spec"]?["selector"]?["matchLabels"] is not JsonObject labels)
        {
            return null;
        }

        return JsonValue.Create(string.Join(",", labels.Select(kv => $"{kv.Key}={kv.Value?.GetValue<string>()}")));
    }
}
