namespace Gyre.Notifications.Events;

/// <summary>Flux's metadata keys: controller metadata is `&lt;api group&gt;/&lt;key&gt;`, object annotations carry a prefix.</summary>
public static class EventMetadata
{
    public const string Revision = "revision";
    public const string OriginRevision = "originRevision";
    public const string Commit = "commit";
    public const string CommitStatus = "commit_status";
    public const string CommitStatusUpdate = "update";
    public const string Summary = "summary";

    /// <summary>Annotations with this prefix on the involved object become event metadata (lowest precedence).</summary>
    public const string AnnotationPrefix = "event.toolkit.fluxcd.io/";

    /// <summary>The value of `&lt;group&gt;/&lt;key&gt;` (or a bare `key`) in the metadata, if any.</summary>
    public static string? Find(IReadOnlyDictionary<string, string> metadata, string key)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        foreach (var (k, v) in metadata)
        {
            if (k == key || (k.EndsWith(key, StringComparison.Ordinal) && k.Length > key.Length && k[k.Length - key.Length - 1] == '/'))
            {
                return v;
            }
        }

        return null;
    }
}
