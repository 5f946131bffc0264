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
        var query = request.Query;
        var scope = request.Resource.StorageKey + "/" + request.Path.Namespace;
        var start = 0;
        string? snapshot = null;
        List<StoredObject> items;
        long version;
        IReadOnlyList<StoredObject> all;
        if (query["continue"].FirstOrDefault() is { Length: > 0 } token)
        {
            // A later page reads the objects as of the first page (its snapshot), as etcd-backed servers do.
            var (after, snapshotId) = DecodeContinue(token);
            var kept = snapshotId is null ? null : _snapshots.Find(snapshotId, scope);
            if (snapshotId is not null && kept is null)
            {
                throw new ApiStatusException(410, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.")
                {
                    Continue = EncodeContinue(after, null),
                };
            }

            (all, version) = kept ?? _state.Store.List(request.Resource.StorageKey, request.Path.Namespace);
            snapshot = kept is null ? null : snapshotId;
            items = Filter(request, all);
            start = items.Count(i => string.CompareOrdinal(SortKey(i), after) <= 0);
        }
        else
        {
            (all, version) = _state.Store.List(request.Resource.StorageKey, request.Path.Namespace);
            items = Filter(request, all);
        }

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

        var limit = int.TryParse(query["limit"].FirstOrDefault(), CultureInfo.InvariantCulture, out var l) && l > 0 ? l : int.MaxValue;
        var page = items.Skip(start).Take(limit).ToList();
        var remaining = items.Count - start - page.Count;
        var metadata = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture) };
        if (remaining > 0)
        {
            snapshot ??= _snapshots.Keep(scope, all, version);
            metadata["continue"] = EncodeContinue(SortKey(page[^1]), snapshot);
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
        var (all, version) = state.Store.List(request.Resource.StorageKey, request.Path.Namespace);
        return (Filter(request, all), version);
    }

    /// <summary>The objects the request's labelSelector and fieldSelector match, in the store's namespace/name order.</summary>
    private static List<StoredObject> Filter(ApiRequest request, IReadOnlyList<StoredObject> all)
    {
        var labelSelector = LabelSelector.Parse(request.Query["labelSelector"].FirstOrDefault() ?? string.Empty);
        var fieldSelector = FieldSelector.Parse(request.Query["fieldSelector"].FirstOrDefault() ?? string.Empty, request.Resource);

        // The store keeps each resource ordered by namespace/name already (the order continue tokens rely on).
        return [.. all.Where(o => labelSelector.Matches(new ObjectMeta(o.Object).Labels) && fieldSelector.Matches(o.Object))];
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

    private static string EncodeContinue(string key, string? snapshot)
    {
        var token = new JsonObject { ["start"] = key };
        if (snapshot is not null)
        {
            token["snapshot"] = snapshot;
        }

        return Convert.ToBase64String(Encoding.UTF8.GetBytes(token.ToJsonString()));
    }

    private static (string After, string? Snapshot) DecodeContinue(string token)
    {
        try
        {
            var json = JsonNode.Parse(Convert.FromBase64String(token));
            return (json?["start"]?.GetValue<string>() ?? throw new FormatException("no start key"), json["snapshot"]?.GetValue<string>());
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw ApiStatusException.BadRequest("continue key is not valid: " + ex.Message);
        }
    }
}
