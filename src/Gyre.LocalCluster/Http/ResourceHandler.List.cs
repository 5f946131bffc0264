using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Objects;
using Gyre.LocalCluster.Storage;

namespace Gyre.LocalCluster.Http;

internal sealed partial class ResourceHandler
{
    private async Task ListAsync(ApiRequest request)
    {
        var (items, version) = SelectItems(request, _state);
        var query = request.Query;
        var rvMatch = query["resourceVersionMatch"].FirstOrDefault();
        var rv = query["resourceVersion"].FirstOrDefault();
        if (rvMatch == "Exact" && rv is not null && rv != version.ToString(CultureInfo.InvariantCulture))
        {
            // The store keeps only the latest state; an exact read of an older revision is what etcd would have compacted.
            throw ApiStatusException.Gone($"too old resource version: {rv} ({version})");
        }

        if (rvMatch is not null and not "Exact" and not "NotOlderThan")
        {
            throw ApiStatusException.BadRequest($"resourceVersionMatch: Unsupported value: \"{rvMatch}\": supported values: \"Exact\", \"NotOlderThan\"");
        }

        var start = 0;
        if (query["continue"].FirstOrDefault() is { Length: > 0 } token)
        {
            var after = DecodeContinue(token);
            start = items.Count(i => string.CompareOrdinal(SortKey(i), after) <= 0);
        }

        var limit = int.TryParse(query["limit"].FirstOrDefault(), CultureInfo.InvariantCulture, out var l) && l > 0 ? l : int.MaxValue;
        var page = items.Skip(start).Take(limit).ToList();
        var remaining = items.Count - start - page.Count;
        var metadata = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture) };
        if (remaining > 0)
        {
            metadata["continue"] = EncodeContinue(SortKey(page[^1]));
            metadata["remainingItemCount"] = remaining;
        }

        if (TableWriter.Wants(request.Context))
        {
            var table = TableWriter.Create(request.Resource, [.. page.Select(p => ResourceVersions.Convert(p.Object, request.Resource))], _state.Time.GetUtcNow(), query["includeObject"].FirstOrDefault());
            table["metadata"] = metadata;
            await HttpResponses.WriteAsync(request.Context, 200, table).ConfigureAwait(false);
            return;
        }

        await WriteListAsync(request, page, metadata).ConfigureAwait(false);
    }

    /// <summary>The objects a list or deletecollection selects: namespace, labelSelector and fieldSelector applied.</summary>
    internal static (List<StoredObject> Items, long Version) SelectItems(ApiRequest request, ClusterState state)
    {
        var labelSelector = LabelSelector.Parse(request.Query["labelSelector"].FirstOrDefault() ?? string.Empty);
        var fieldSelector = FieldSelector.Parse(request.Query["fieldSelector"].FirstOrDefault() ?? string.Empty, request.Resource);
        var (all, version) = state.Store.List(request.Resource.StorageKey, request.Path.Namespace);
        var items = all.Where(o => labelSelector.Matches(new ObjectMeta(o.Object).Labels) && fieldSelector.Matches(o.Object)).ToList();

        // The store keeps each resource ordered by namespace/name already (the order continue tokens rely on).
        return (items, version);
    }

    private static async Task WriteListAsync(ApiRequest request, List<StoredObject> page, JsonObject metadata)
    {
        // Stored objects are already serialized; splice their bytes into the list instead of re-encoding each one.
        var head = new JsonObject { ["kind"] = request.Resource.Kind + "List", ["apiVersion"] = request.Resource.ApiVersion, ["metadata"] = metadata }.ToJsonString(JsonContext.Options);
        var response = request.Context.Response;
        response.StatusCode = 200;
        response.ContentType = HttpResponses.Json;
        using var buffer = new MemoryStream();
        buffer.Write(Encoding.UTF8.GetBytes(head[..^1] + ",\"items\":["));
        var first = true;
        foreach (var item in page)
        {
            if (!first)
            {
                buffer.WriteByte((byte)',');
            }

            first = false;
            var bytes = request.Resource.IsCustom && item.Object["apiVersion"]?.GetValue<string>() != request.Resource.ApiVersion
                ? System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(ResourceVersions.Convert(item.Object, request.Resource), JsonContext.Options)
                : item.Json;
            buffer.Write(bytes);
        }

        buffer.Write("]}"u8);
        buffer.Position = 0;
        await buffer.CopyToAsync(response.Body, request.Aborted).ConfigureAwait(false);
    }

    private static string SortKey(StoredObject o) => o.Namespace + "/" + o.Name;

    private static string EncodeContinue(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"start\":" + JsonValue.Create(key).ToJsonString() + "}"));

    private static string DecodeContinue(string token)
    {
        try
        {
            var json = JsonNode.Parse(Convert.FromBase64String(token));
            return json?["start"]?.GetValue<string>() ?? throw new FormatException("no start key");
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw ApiStatusException.BadRequest("continue key is not valid: " + ex.Message);
        }
    }
}
