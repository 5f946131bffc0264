using Gyre.Helm.Storage;

namespace Gyre.Helm.Tests.Storage;

public sealed class ReleaseHistoryTests
{
    // Revisions as "version:status"; expectations follow Helm's storage.removeLeastRecent(name, maxHistory-1).
    [Theory]
    [InlineData("1:superseded 2:superseded 3:deployed", 0, "")]
    [InlineData("1:superseded 2:deployed", 5, "")]
    [InlineData("1:superseded 2:superseded 3:deployed", 3, "1")]
    [InlineData("1:superseded 2:superseded 3:deployed", 2, "1 2")]
    [InlineData("1:deployed 2:failed 3:failed", 2, "2 3")]
    [InlineData("1:failed 2:failed 3:failed", 1, "1 2 3")]
    [InlineData("1:deployed", 1, "")]
    public void Prunes_the_oldest_revisions_but_never_the_deployed_one(string revisions, int maxHistory, string pruned)
    {
        var history = Parse(revisions);

        var result = ReleaseHistory.ToPrune(history, maxHistory);

        Assert.Equal(pruned, string.Join(" ", result.Select(r => r.Version)));
    }

    [Theory]
    [InlineData("", null, null, 1)]
    [InlineData("1:superseded 2:deployed 3:failed", 3, 2, 4)]
    [InlineData("1:failed 2:pending-upgrade", 2, null, 3)]
    public void Finds_the_latest_and_last_deployed_revisions(string revisions, int? latest, int? deployed, int next)
    {
        var history = Parse(revisions);

        Assert.Equal(latest, ReleaseHistory.Latest(history)?.Version);
        Assert.Equal(deployed, ReleaseHistory.LastDeployed(history)?.Version);
        Assert.Equal(next, ReleaseHistory.NextVersion(history));
    }

    [Theory]
    [InlineData("pending-install", true)]
    [InlineData("pending-upgrade", true)]
    [InlineData("pending-rollback", true)]
    [InlineData("deployed", false)]
    [InlineData("uninstalling", false)]
    public void Pending_states_are_the_ones_flux_recovers(string status, bool pending) =>
        Assert.Equal(pending, ReleaseStatus.IsPending(status));

    private static List<Release> Parse(string revisions) =>
        revisions.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(':')).Select(p => ReleaseSecretTests.Sample() with
        {
            Version = int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture),
            Info = new ReleaseInfo { Status = p[1] },
        }).ToList();
}
