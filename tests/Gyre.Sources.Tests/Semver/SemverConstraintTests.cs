using Gyre.Sources.Semver;

namespace Gyre.Sources.Tests.Semver;

/// <summary>Cases follow Masterminds/semver v3's constraint tests (the library Flux uses for ref.semver).</summary>
public sealed class SemverConstraintTests
{
    public static TheoryData<string, string, bool> Cases() => new()
    {
        { ">=1.0.0 <2.0.0", "1.5.0", true },
        { ">=1.0.0 <2.0.0", "2.0.0", false },
        { ">=1.0.0, <2.0.0", "1.0.0", true },
        { "1.2.x", "1.2.9", true },
        { "1.2.x", "1.3.0", false },
        { "1.2", "1.2.7", true },
        { "*", "9.9.9", true },
        { "*", "1.0.0-alpha", false },
        { "~1.2.3", "1.2.9", true },
        { "~1.2.3", "1.3.0", false },
        { "~1", "1.9.0", true },
        { "^1.2.3", "1.9.9", true },
        { "^1.2.3", "2.0.0", false },
        { "^0.2.3", "0.2.9", true },
        { "^0.2.3", "0.3.0", false },
        { "^0.0.3", "0.0.4", false },
        { ">1.2", "1.2.9", false },
        { ">1.2", "1.3.0", true },
        { "<=1.2", "1.2.9", true },
        { "!=1.2.3", "1.2.3", false },
        { "1.2 - 1.4.5", "1.4.5", true },
        { "1.2 - 1.4.5", "1.4.6", false },
        { "1.2.3 - 2.3", "2.3.9", true },
        { "<1.0.0 || >=3.0.0", "3.1.0", true },
        { "<1.0.0 || >=3.0.0", "2.0.0", false },
        { ">=1.0.0", "1.1.0-rc.1", false },
        { ">=1.1.0-rc.0", "1.1.0-rc.1", true },
        { "v1.x", "1.4.0", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Constraint_matches_like_masterminds_semver(string constraint, string version, bool expected)
    {
        Assert.True(SemverConstraint.TryParseVersion(version, out var parsed));

        Assert.Equal(expected, SemverConstraint.Parse(constraint).IsSatisfiedBy(parsed));
    }

    [Fact]
    public void Highest_tag_wins_and_filters_apply_first()
    {
        string[] tags = ["v1.0.0", "1.2.0", "v1.10.0", "v2.0.0-rc.1", "latest", "v1.10.0-rc.1"];

        Assert.Equal("v1.10.0", SemverTags.Highest(tags, SemverConstraint.Parse(">=1.0.0")));
        Assert.Equal("1.2.0", SemverTags.Highest(tags, SemverConstraint.Parse(">=1.0.0"), filter: "^1\\."));
        Assert.Null(SemverTags.Highest(tags, SemverConstraint.Parse(">=3.0.0")));
    }

    [Fact]
    public void Invalid_constraint_names_the_bad_part()
    {
        var error = Assert.Throws<FormatException>(() => SemverConstraint.Parse(">=one.two"));

        Assert.Contains("'one.two' is not a version", error.Message, StringComparison.Ordinal);
    }
}
