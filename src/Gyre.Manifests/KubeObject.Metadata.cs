using System.Text.Json.Nodes;

namespace Gyre.Manifests;

/// <summary>metadata accessors.</summary>
public sealed partial class KubeObject
{
    /// <summary>metadata, created on first write.</summary>
    public JsonObject Metadata
    {
        get
        {
            if (Json["metadata"] is JsonObject metadata)
            {
                return metadata;
            }

            metadata = [];
            Json["metadata"] = metadata;
            return metadata;
        }
    }

    public string Name
    {
        get => MetadataString("name") ?? string.Empty;
        set => Metadata["name"] = value;
    }

    public string? GenerateName
    {
        get => MetadataString("generateName");
        set => SetMetadataString("generateName", value);
    }

    /// <summary>metadata.namespace, or null when absent or empty.</summary>
    public string? Namespace
    {
        get => MetadataString("namespace") is { Length: > 0 } ns ? ns : null;
        set => SetMetadataString("namespace", value);
    }

    public string? Uid
    {
        get => MetadataString("uid");
        set => SetMetadataString("uid", value);
    }

    public string? ResourceVersion
    {
        get => MetadataString("resourceVersion");
        set => SetMetadataString("resourceVersion", value);
    }

    public long Generation
    {
        get => Json["metadata"]?["generation"] is { } g && Gyre.Manifests.Json.KubeNumbers.TryGetInt64(g, out var v) ? v : 0;
        set => Metadata["generation"] = value;
    }

    public string? CreationTimestamp => MetadataString("creationTimestamp");

    public string? DeletionTimestamp => MetadataString("deletionTimestamp");

    /// <summary>A copy of metadata.labels.</summary>
    public IReadOnlyDictionary<string, string> Labels => StringMap("labels");

    /// <summary>A copy of metadata.annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations => StringMap("annotations");

    public IReadOnlyList<string> Finalizers =>
        (Json["metadata"]?["finalizers"] as JsonArray)?.Select(n => n?.GetValue<string>() ?? string.Empty).ToList() ?? [];

    public IReadOnlyList<OwnerReference> OwnerReferences =>
        (Json["metadata"]?["ownerReferences"] as JsonArray)?.OfType<JsonObject>().Select(o => new OwnerReference(
            GetString(o, "apiVersion") ?? string.Empty,
            GetString(o, "kind") ?? string.Empty,
            GetString(o, "name") ?? string.Empty,
            GetString(o, "uid") ?? string.Empty,
            o["controller"]?.GetValue<bool>(),
            o["blockOwnerDeletion"]?.GetValue<bool>())).ToList() ?? [];

    /// <summary>metadata.managedFields entries, as JSON.</summary>
    public IReadOnlyList<JsonObject> ManagedFields =>
        (Json["metadata"]?["managedFields"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];

    public string? GetLabel(string key) => Labels.TryGetValue(key, out var v) ? v : null;

    public string? GetAnnotation(string key) => Annotations.TryGetValue(key, out var v) ? v : null;

    /// <summary>Sets a label; a null value removes it.</summary>
    public void SetLabel(string key, string? value) => SetMapEntry("labels", key, value);

    /// <summary>Sets an annotation; a null value removes it.</summary>
    public void SetAnnotation(string key, string? value) => SetMapEntry("annotations", key, value);

    public void SetOwnerReferences(IEnumerable<OwnerReference> owners)
    {
        var array = new JsonArray();
        foreach (var owner in owners)
        {
            var o = new JsonObject { ["apiVersion"] = owner.ApiVersion, ["kind"] = owner.Kind, ["name"] = owner.Name, ["uid"] = owner.Uid };
            if (owner.Controller is { } controller)
            {
                o["controller"] = controller;
            }

            if (owner.BlockOwnerDeletion is { } block)
            {
                o["blockOwnerDeletion"] = block;
            }

            array.Add(o);
        }

        Metadata["ownerReferences"] = array;
    }

    private string? MetadataString(string key) => Json["metadata"] is JsonObject m ? GetString(m, key) : null;

    private void SetMetadataString(string key, string? value)
    {
        if (value is null)
        {
            (Json["metadata"] as JsonObject)?.Remove(key);
        }
        else
        {
            Metadata[key] = value;
        }
    }

    private Dictionary<string, string> StringMap(string key)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Json["metadata"]?[key] is JsonObject obj)
        {
            foreach (var (k, v) in obj)
            {
                map[k] = v is JsonValue value && value.TryGetValue(out string? s) ? s : v?.ToJsonString() ?? string.Empty;
            }
        }

        return map;
    }

    private void SetMapEntry(string mapKey, string key, string? value)
    {
        if (value is null)
        {
            if (Json["metadata"]?[mapKey] is JsonObject existing)
            {
                existing.Remove(key);
            }

            return;
        }

        if (Metadata[mapKey] is not JsonObject map)
        {
            map = [];
            Metadata[mapKey] = map;
        }

        map[key] = value;
    }
}
