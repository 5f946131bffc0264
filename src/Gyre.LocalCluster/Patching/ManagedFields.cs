using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Http;
using Gyre.LocalCluster.Schema;

namespace Gyre.LocalCluster.Patching;

/// <summary>
/// metadata.managedFields bookkeeping for non-apply writes: the writing manager (fieldManager, else one derived
/// from the User-Agent as kube-apiserver does) takes ownership of the fields it changed, and loses none it did not;
/// other managers lose the fields it took over. Entries are per manager and operation, as in a real cluster.
/// </summary>
internal static class ManagedFields
{
    public static void RecordUpdate(JsonObject obj, JsonObject? before, ApiRequest request, string now, string defaultManager)
    {
        var manager = ManagerName(request, defaultManager);
        var schema = SchemaLookup.For(request.Resource);
        var subresource = request.Path.Subresource;
        var changed = subresource == "status"
            ? StatusChanged(before, obj, schema)
            : FieldSet.Changed(before is null ? null : FieldSet.StripServerFields(before), FieldSet.StripServerFields(obj), schema);
        var entries = Read(before ?? obj);
        if (before is null)
        {
            entries.Clear();
        }
        else if (subresource is null && obj["metadata"]?["managedFields"] is JsonArray { Count: > 0 } given
            && !JsonNode.DeepEquals(given, before["metadata"]?["managedFields"]))
        {
            // As kube-apiserver (decodeLiveOrNew): managedFields sent with an update replace the live ones, which is how
            // Flux hands kubectl's fields over to its own Apply entry.
            entries = Read(obj).Where(e => e.Manager.Length > 0).ToList();
        }

        if (changed.IsEmpty && entries.Count > 0)
        {
            Write(obj, entries);
            return;
        }

        // Other managers lose the fields this write changed (kube-apiserver's updater: "last write wins" on ownership).
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            var e = entries[i];
            if (e.Manager == manager && e.Operation == "Update" && e.Subresource == subresource)
            {
                continue;
            }

            var rest = e.Fields.Difference(changed);
            entries[i] = e with { Fields = rest };
            if (rest.IsEmpty)
            {
                entries.RemoveAt(i);
            }
        }

        var index = entries.FindIndex(e => e.Manager == manager && e.Operation == "Update" && e.Subresource == subresource);
        var fields = index >= 0 ? entries[index].Fields.Union(changed) : changed;
        var entry = new ManagedFieldsEntry(manager, "Update", request.Resource.ApiVersion, now, subresource, fields);
        if (index >= 0)
        {
            entries[index] = entry;
        }
        else if (!fields.IsEmpty)
        {
            entries.Add(entry);
        }

        Write(obj, entries);
    }

    public static string ManagerName(ApiRequest request, string defaultManager)
    {
        if (request.FieldManager is { Length: > 0 } manager)
        {
            return manager;
        }

        // kube-apiserver uses the User-Agent up to the first '/' when no fieldManager is given ("kubectl", "Go-http-client").
        var agent = request.Context.Request.Headers.UserAgent.ToString();
        var slash = agent.IndexOf('/', StringComparison.Ordinal);
        return agent.Length == 0 ? defaultManager : slash > 0 ? agent[..slash] : agent;
    }

    public static List<ManagedFieldsEntry> Read(JsonObject obj)
    {
        var list = new List<ManagedFieldsEntry>();
        foreach (var e in (obj["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>())
        {
            list.Add(new ManagedFieldsEntry(
                e["manager"]?.GetValue<string>() ?? string.Empty,
                e["operation"]?.GetValue<string>() ?? "Update",
                e["apiVersion"]?.GetValue<string>() ?? string.Empty,
                e["time"]?.GetValue<string>() ?? string.Empty,
                e["subresource"]?.GetValue<string>(),
                FieldSet.FromFieldsV1(e["fieldsV1"] as JsonObject)));
        }

        return list;
    }

    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var array = new JsonArray();
        foreach (var e in entries)
        {
            var node = new JsonObject
            {
                ["manager"] = e.Manager,
                ["operation"] = e.Operation,
                ["apiVersion"] = e.ApiVersion,
                ["time"] = e.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = e.Fields.ToFieldsV1(),
            };
            if (e.Subresource is not null)
            {
                node["subresource"] = e.Subresource;
            }

            array.Add(node);
        }

        var meta = obj["metadata"]!.AsObject();
        if (array.Count == 0)
        {
            meta.Remove("managedFields");
        }
        else
        {
            meta["managedFields"] = array;
        }
    }

    private static FieldSet StatusChanged(JsonObject? before, JsonObject after, SchemaNode? schema)
    {
        var b = new JsonObject { ["status"] = before?["status"]?.DeepClone() };
        var a = new JsonObject { ["status"] = after["status"]?.DeepClone() };
        return FieldSet.Changed(b, a, schema);
    }
}
