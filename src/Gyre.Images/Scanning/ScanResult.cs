namespace Gyre.Images.Scanning;

/// <summary>
/// One scan of an image repository after the exclusion list: every kept tag (in registry order), Flux's revision
/// (<c>sha256:</c> of the tags one per line, as its filesystem tag store computes it) and the ten latest tags.
/// </summary>
public sealed record ScanResult(IReadOnlyList<string> Tags, string Revision, IReadOnlyList<string> LatestTags)
{
    public const int LatestTagsCount = 10;

    /// <summary>The result for <paramref name="tags"/>: latestTags are the first ten after a descending ordinal sort, as Flux's getLatestTags.</summary>
    public static ScanResult Of(IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var latest = tags.Order(StringComparer.Ordinal).Reverse().Take(LatestTagsCount).ToList();
        return new ScanResult(tags, TagRevision.Of(tags), latest);
    }
}
