using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Objects;
using Gyre.LocalCluster.Storage;

namespace Gyre.LocalCluster.Http;

/// <summary>
/// Watch streams (newline-delimited JSON WatchEvents) with kube-apiserver's resourceVersion semantics: unset or "0"
/// starts with ADDED events for the current state, a specific version resumes after it (410 Gone if compacted),
/// allowWatchBookmarks adds BOOKMARK events, sendInitialEvents ends the initial state with a bookmark.
/// </summary>
internal sealed class WatchStreamer
{
    private static readonly TimeSpan BookmarkInterval = TimeSpan.FromSeconds(1);
    private readonly ClusterState _state;

    public WatchStreamer(ClusterState state)
    {
        _state = state;
    }

    public async Task StreamAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var query = request.Query;
        var rvText = query["resourceVersion"].FirstOrDefault() ?? string.Empty;
        var bookmarks = query["allowWatchBookmarks"].FirstOrDefault() == "true";
        var sendInitial = query["sendInitialEvents"].FirstOrDefault() == "true";
        var timeout = int.TryParse(query["timeoutSeconds"].FirstOrDefault(), CultureInfo.InvariantCulture, out var t) && t > 0 ? TimeSpan.FromSeconds(t) : TimeSpan.FromMinutes(30);
        var labels = LabelSelector.Parse(query["labelSelector"].FirstOrDefault() ?? string.Empty);
        var fields = FieldSelector.Parse(query["fieldSelector"].FirstOrDefault() ?? string.Empty, request.Resource);
        var asTable = TableWriter.Wants(request.Context);
        var filtered = (query["labelSelector"].FirstOrDefault() ?? string.Empty).Length > 0 || (query["fieldSelector"].FirstOrDefault() ?? string.Empty).Length > 0;
        var key = request.Resource.StorageKey;

        WatchSubscription subscription;
        IReadOnlyList<WatchEvent> initial;
        long initialVersion;
        if (rvText.Length == 0 || rvText == "0" || sendInitial)
        {
            subscription = _state.Store.SubscribeWithSnapshot(key, request.Path.Namespace, out var snapshot, out initialVersion);
            initial = [.. snapshot.Select(o => new WatchEvent(WatchEvent.Added, o))];
        }
        else if (long.TryParse(rvText, CultureInfo.InvariantCulture, out var from))
        {
            try
            {
                subscription = _state.Store.Subscribe(key, request.Path.Namespace, from, out initial);
            }
            catch (ApiStatusException gone) when (gone.Code == 410)
            {
                // kube-apiserver answers a watch from a compacted revision with 200 and one ERROR event carrying the 410 Status.
                request.Context.Response.StatusCode = 200;
                request.Context.Response.ContentType = HttpResponses.Json;
                var error = "{\"type\":\"ERROR\",\"object\":" + gone.ToStatus().ToJsonString(JsonContext.Options) + "}\n";
                await request.Context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(error), cancellationToken).ConfigureAwait(false);
                return;
            }

            initialVersion = from;
        }
        else
        {
            throw ApiStatusException.BadRequest($"invalid resource version: {rvText}");
        }

        using (subscription)
        {
            var response = request.Context.Response;
            response.StatusCode = 200;
            response.ContentType = HttpResponses.Json;
            await response.StartAsync(cancellationToken).ConfigureAwait(false);
            var firstTable = true;
            var lastVersion = initialVersion;
            async Task SendAsync(string type, JsonObject obj)
            {
                JsonNode payload = obj;
                if (asTable && type != "BOOKMARK")
                {
                    payload = TableWriter.Create(request.Resource, [obj], _state.Time.GetUtcNow(), query["includeObject"].FirstOrDefault(), firstTable);
                    payload["metadata"] = new JsonObject { ["resourceVersion"] = obj["metadata"]?["resourceVersion"]?.DeepClone() };
                    firstTable = false;
                }

                // The payload may be the stored node shared by every watcher: serialize it, never re-parent it.
                var line = "{\"type\":\"" + type + "\",\"object\":" + payload.ToJsonString(JsonContext.Options) + "}\n";
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), cancellationToken).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            // With a selector, an object that starts or stops matching is ADDED or DELETED for this watcher (the watch cache's filtering).
            var matching = new HashSet<string>(StringComparer.Ordinal);
            async Task DeliverAsync(WatchEvent e)
            {
                var id = e.Object.Namespace + "/" + e.Object.Name;
                var selected = Selected(e.Object.Object, labels, fields);
                var was = matching.Contains(id);
                var type = e.Type;
                if (type == WatchEvent.Deleted)
                {
                    matching.Remove(id);
                    selected = selected || was;
                }
                else if (selected)
                {
                    type = !was && type == WatchEvent.Modified && filtered ? WatchEvent.Added : type;
                    matching.Add(id);
                }
                else if (was)
                {
                    (type, selected) = (WatchEvent.Deleted, true);
                    matching.Remove(id);
                }

                if (selected)
                {
                    await SendAsync(type, ResourceVersions.Convert(e.Object.Object, request.Resource)).ConfigureAwait(false);
                }
            }

            foreach (var e in initial)
            {
                await DeliverAsync(e).ConfigureAwait(false);
                lastVersion = Math.Max(lastVersion, e.Object.ResourceVersion);
            }

            if (sendInitial && bookmarks)
            {
                await SendAsync("BOOKMARK", Bookmark(request.Resource, lastVersion, initialEventsEnd: true)).ConfigureAwait(false);
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var reader = subscription.Events.Reader;
            while (!deadline.IsCancellationRequested)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                tick.CancelAfter(BookmarkInterval);
                bool ready;
                try
                {
                    ready = await reader.WaitToReadAsync(tick.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
                {
                    if (bookmarks)
                    {
                        await SendAsync("BOOKMARK", Bookmark(request.Resource, Math.Max(lastVersion, _state.Store.ResourceVersion), false)).ConfigureAwait(false);
                    }

                    continue;
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                if (!ready)
                {
                    break;
                }

                while (reader.TryRead(out var e))
                {
                    lastVersion = e.Object.ResourceVersion;
                    await DeliverAsync(e).ConfigureAwait(false);
                }
            }
        }
    }

    private static bool Selected(JsonObject obj, LabelSelector labels, FieldSelector fields) =>
        labels.Matches(new ObjectMeta(obj).Labels) && fields.Matches(obj);

    private static JsonObject Bookmark(ResourceInfo resource, long version, bool initialEventsEnd)
    {
        var meta = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            meta["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        return new JsonObject { ["kind"] = resource.Kind, ["apiVersion"] = resource.ApiVersion, ["metadata"] = meta };
    }
}
