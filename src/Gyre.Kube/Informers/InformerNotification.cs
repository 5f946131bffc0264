using System.Text.Json.Nodes;

namespace Gyre.Kube.Informers;

/// <summary>
/// One queued handler call, addressed to the handlers registered when the cache changed, as client-go distributes
/// under the informer's lock: a handler added later gets a replay of the cache instead, never the same add twice.
/// </summary>
internal sealed record InformerNotification(InformerNotificationKind Kind, JsonObject? Old, JsonObject New, bool IsInInitialList, IInformerHandler[] Handlers);

internal enum InformerNotificationKind
{
    Add,
    Update,
    Delete,
}
