using System.Globalization;
using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Objects;

/// <summary>Typed access to an object's metadata (metav1.ObjectMeta) on top of its JSON, creating the map when asked to write.</summary>
internal readonly struct ObjectMeta
{
    private readonly JsonObject _obj;

    public ObjectMeta(JsonObject obj)
    {
        _obj = obj;
    }

    public JsonObject Node
    {
        get
        {
            if (_obj["metadata"] is JsonObject m)
            {
                return m;
            }

            var created = new JsonObject();
            _obj["metadata"] = created;
            return created;
        }
    }

    public string Name
    {
        get => GetString("name");
        set => Node["name"] = value;
    }

    public string Namespace
    {
        get => GetString("namespace");
        set => Node["namespace"] = value;
    }

    public string GenerateName => GetString("generateName");

    public string Uid => GetString("uid");

    public string ResourceVersion => GetString("resourceVersion");

    public bool IsDeleting => _obj["metadata"]?["deletionTimestamp"] is not null;

    public long Generation => _obj["metadata"]?["generation"] is JsonValue v && v.TryGetValue<long>(out var g) ? g : 0;

    public JsonObject? Labels => _obj["metadata"]?["labels"] as JsonObject;

    public IReadOnlyList<string> Finalizers =>
        _obj["metadata"]?["finalizers"] is JsonArray a ? [.. a.Select(f => f?.GetValue<string>() ?? string.Empty)] : [];

    public JsonArray? OwnerReferences => _obj["metadata"]?["ownerReferences"] as JsonArray;

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public string GetString(string field) => _obj["metadata"]?[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    public string Label(string key) => Labels?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    public string Annotation(string key) => _obj["metadata"]?["annotations"]?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    public void SetFinalizers(IEnumerable<string> finalizers)
    {
        var list = finalizers.ToList();
        if (list.Count == 0)
        {
            Node.Remove("finalizers");
        }
        else
        {
            Node["finalizers"] = new JsonArray([.. list.Select(f => (JsonNode)JsonValue.Create(f))]);
        }
    }
}
