using System.Text.Json.Nodes;

namespace Gyre.Kube.Watch;

/// <summary>One change seen by a watch.</summary>
/// <param name="Type">What happened.</param>
/// <param name="Object">The object after the change (for bookmarks, only kind, apiVersion and metadata.resourceVersion).</param>
public sealed record WatchEvent(WatchEventType Type, JsonObject Object)
{
    /// <summary>The object's metadata.resourceVersion.</summary>
    public string? ResourceVersion => (string?)Object["metadata"]?["resourceVersion"];
}
