using Gyre.Controllers.HelmCharts;

namespace Gyre.Controllers.Tests;

public sealed class HelmChartVersionTests
{
    // source-controller: build metadata replaces any the chart version had (Masterminds SetMetadata).
    [Theory]
    [InlineData("6.0.3", "2", "6.0.3+2")]
    [InlineData("6.0.3+old", "2", "6.0.3+2")]
    [InlineData("1.0.0-rc.1", "a1b2c3d4e5f6.3", "1.0.0-rc.1+a1b2c3d4e5f6.3")]
    public void Build_metadata_replaces_the_versions_own(string version, string metadata, string expected) =>
        Assert.Equal(expected, HelmChartBuilder.WithMetadata(version, metadata));

    // The Revision strategy uses the first 12 hex characters of the source revision's digest.
    [Theory]
    [InlineData("main@sha1:132f4e719209eb10b9485302f8593fc0e680f4fc", "132f4e719209")]
    [InlineData("sha256:2d6e5dcc8779065450dbbecde9f29f0f79ac0494c81117b1bd77eb8a2985b970", "2d6e5dcc8779")]
    [InlineData("refs/tags/v1.0.0@sha1:abc", "abc")]
    public void The_Revision_strategy_uses_12_hex_of_the_source_digest(string revision, string expected) =>
        Assert.Equal(expected, HelmChartBuilder.ShortDigest(revision));
}
