using Gyre.Sources.Artifacts;

namespace Gyre.Sources.Tests.Artifacts;

/// <summary>Flux's revision strings (flux-api.md §2.2).</summary>
public sealed class RevisionFormatTests
{
    private const string Sha1 = "132f4e719209eb10b9485302f8593fc0e680f4fc";
    private const string Sha256 = "2cf1a0bfb6e4ec1d4d7f2b1c0e7b6a1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a79";

    [Theory]
    [InlineData("main", Sha1, "main@sha1:" + Sha1)]
    [InlineData("v1.2.3", Sha1, "v1.2.3@sha1:" + Sha1)]
    [InlineData("refs/pull/1/head", Sha1, "refs/pull/1/head@sha1:" + Sha1)]
    [InlineData(null, Sha1, "sha1:" + Sha1)]
    [InlineData("main", Sha256, "main@sha256:" + Sha256)]
    public void Git_revisions(string? reference, string commit, string expected)
    {
        Assert.Equal(expected, RevisionFormat.Git(reference, commit));
    }

    [Fact]
    public void Oci_revisions()
    {
        Assert.Equal("latest@sha256:" + Sha256, RevisionFormat.Oci("latest", "sha256:" + Sha256));
        Assert.Equal("sha256:" + Sha256, RevisionFormat.Oci(null, "sha256:" + Sha256));
    }

    [Theory]
    [InlineData("main@sha1:" + Sha1, "sha1:" + Sha1, true)]
    [InlineData("main/" + Sha1, "main@sha1:" + Sha1, true)]
    [InlineData("main@sha1:" + Sha1, "main@sha1:0000000000000000000000000000000000000000", false)]
    [InlineData(null, "sha1:" + Sha1, false)]
    public void Same_content_accepts_the_legacy_format(string? a, string b, bool expected)
    {
        Assert.Equal(expected, RevisionFormat.SameContent(a, b));
    }
}
