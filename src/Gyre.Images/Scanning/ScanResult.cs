namespace Gyre.Images.Scanning;

/// <summary>
/// One scan of an image repository after the exclusion list: every kept tag, Flux's revision (<c>sha256:</c> of the
/// tags one per line, as its filesystem tag store computes it) and the ten latest tags. Unlike Flux, the tags are
/// kept in ordinal order rather than the registry's listing order, so the same set always has the same revision
/// (some registries list in storage order, which would otherwise wake every ImagePolicy for nothing).
/// </summary>
public sealed record ScanResult(IReadOnlyList<string> Tags, string Revision, IReadOnlyList<string> LatestTags)
{
    public const int LatestTagsCount = 10;

    /// <summary>The result for <paramref name="tags"/>: latestTags are the first ten after a descending ordinal sort, as Flux's getLatestTags.</summary>
    public static ScanResult Of(IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var sorted = tags.Order(StringComparer.Ordinal).ToList();
        var latest = Enumerable.Reverse(sorted).Take(LatestTagsCount).ToList();
        return new ScanResult(sorted, TagRevision.Of(sorted), latest);
    }
}
