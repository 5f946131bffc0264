namespace Gyre.Helm.Storage;

/// <summary>Queries over a release's revisions, as Helm's storage package answers them (pkg/storage/storage.go).</summary>
public static class ReleaseHistory
{
    /// <summary>The highest revision, or null for no history.</summary>
    public static Release? Latest(IEnumerable<Release> history) => history.MaxBy(r => r.Version);

    /// <summary>The highest revision with status deployed (Helm's Deployed), or null.</summary>
    public static Release? LastDeployed(IEnumerable<Release> history) =>
        history.Where(r => r.Info.Status == ReleaseStatus.Deployed).MaxBy(r => r.Version);

    /// <summary>The revision a new install or upgrade gets: one past the highest stored.</summary>
    public static int NextVersion(IEnumerable<Release> history) => (Latest(history)?.Version ?? 0) + 1;

    /// <summary>
    /// The revisions to delete before storing a new one so that at most <paramref name="maxHistory"/> remain
    /// afterwards, oldest first and never the last deployed one (Helm's removeLeastRecent, called with max-1);
    /// 0 or less keeps everything.
    /// </summary>
    public static IReadOnlyList<Release> ToPrune(IReadOnlyCollection<Release> history, int maxHistory)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (maxHistory <= 0)
        {
            return [];
        }

        var keep = maxHistory - 1;
        if (history.Count <= keep)
        {
            return [];
        }

        var deployed = LastDeployed(history);
        var toDelete = new List<Release>();
        foreach (var release in history.OrderBy(r => r.Version))
        {
            if (history.Count - toDelete.Count == keep)
            {
                break;
            }

            if (deployed is null || release.Version != deployed.Version)
            {
                toDelete.Add(release);
            }
        }

        return toDelete;
    }
}
