namespace Gyre.Kube.Watch;

/// <summary>Options of one watch request.</summary>
public sealed record WatchOptions
{
    /// <summary>Start after this resourceVersion (from a list); null or empty starts with synthetic Added events for every object.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>A label selector.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Ask for bookmark events so a reconnect can resume from a recent resourceVersion. The default is true.</summary>
    public bool AllowBookmarks { get; init; } = true;

    /// <summary>The server ends the watch after this long; callers reconnect. The default is 5 minutes (client-go's reflector uses 5–10).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);
}
