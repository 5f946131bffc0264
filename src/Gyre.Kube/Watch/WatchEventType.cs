namespace Gyre.Kube.Watch;

/// <summary>The kinds of watch event (metav1.WatchEvent type).</summary>
public enum WatchEventType
{
    /// <summary>An object was created (or listed at the start of a watch).</summary>
    Added,

    /// <summary>An object changed.</summary>
    Modified,

    /// <summary>An object was deleted; the event carries its last state.</summary>
    Deleted,

    /// <summary>A progress marker carrying only a newer resourceVersion.</summary>
    Bookmark,
}
