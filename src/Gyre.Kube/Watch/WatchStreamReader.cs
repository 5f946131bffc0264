using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Gyre.Kube.Dynamic;

namespace Gyre.Kube.Watch;

/// <summary>
/// Reads a watch response: a stream of concatenated JSON WatchEvent objects, parsed as they arrive. An ERROR event
/// carries a Status and becomes a <see cref="KubeApiException"/> (410 Expired means: list again).
/// </summary>
internal static class WatchStreamReader
{
    public static async IAsyncEnumerable<WatchEvent> ReadAsync(Stream stream, KubeRequestTarget target, string apiVersion, string kind,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in JsonLineReader.ReadAsync(stream, cancellationToken).ConfigureAwait(false))
        {
            if (e is null)
            {
                continue;
            }

            var type = (string?)e["type"];
            var obj = e["object"] as JsonObject ?? [];
            switch (type)
            {
                case "ADDED":
                    yield return new WatchEvent(WatchEventType.Added, ResourceClient.WithTypeMeta(obj, apiVersion, kind));
                    break;
                case "MODIFIED":
                    yield return new WatchEvent(WatchEventType.Modified, ResourceClient.WithTypeMeta(obj, apiVersion, kind));
                    break;
                case "DELETED":
                    yield return new WatchEvent(WatchEventType.Deleted, ResourceClient.WithTypeMeta(obj, apiVersion, kind));
                    break;
                case "BOOKMARK":
                    yield return new WatchEvent(WatchEventType.Bookmark, obj);
                    break;
                case "ERROR":
                    var code = obj["code"] is JsonValue v && v.TryGetValue(out int c) ? c : 500;
                    throw new KubeApiException(target, KubeStatus.FromResponse(code, obj.ToJsonString()));
                default:
                    throw new KubeTransportException(target, "watch", $"unknown watch event type '{type}'", isTransient: true);
            }
        }
    }
}
