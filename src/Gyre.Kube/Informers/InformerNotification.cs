using System.Text.Json.Nodes;

namespace Gyre.Kube.Informers;

/// <summary>One queued handler call; <see cref="Only"/> limits it to one handler (replay for a late-added handler).</summary>
internal sealed record InformerNotification(InformerNotificationKind Kind, JsonObject? Old, JsonObject New, bool IsInInitialList, IInformerHandler? Only = null);

internal enum InformerNotificationKind
{
    Add,
    Update,
    Delete,
}
