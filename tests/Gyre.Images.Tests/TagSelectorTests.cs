using Gyre.Images.Policies;

namespace Gyre.Images.Tests;

public sealed class TagSelectorTests
{
    private const string Where = "ImagePolicy/ns/app";

    private static string Latest(PolicyChoice choice, params string[] tags) => TagSelector.Create(choice, Where).Latest(tags, "ghcr.io/org/app", Where);

    [Theory]
    [InlineData(">=1.0.0", "1.10.0")]
    [InlineData("~1.2", "1.2.9")]
    [InlineData("^1.0", "1.10.0")]
    [InlineData("<1.2.0", "v1.1.0")]
    [InlineData(">=2.0.0-0", "2.0.0-rc.1")]
    public void Semver_picks_the_highest_tag_in_the_range(string range, string expected)
    {
        Assert.Equal(expected, Latest(new PolicyChoice { SemverRange = range }, "1.2.3", "1.2.9", "v1.1.0", "1.10.0", "2.0.0-rc.1", "latest", "1.3", "01.4.0"));
    }

    [Fact]
    public void Semver_skips_tags_that_are_not_strict_versions()
    {
        Assert.Equal("1.0.0", Latest(new PolicyChoice { SemverRange = ">=1.0" }, "1.0.0", "1.5", "02.0.0", "main"));
    }

    [Theory]
    [InlineData("asc", "c")]
    [InlineData("desc", "a")]
    [InlineData("", "c")]
    public void Alphabetical_orders_by_bytes(string order, string expected)
    {
        Assert.Equal(expected, Latest(new PolicyChoice { Alphabetical = order }, "b", "a", "c"));
    }

    [Theory]
    [InlineData("asc", "100")]
    [InlineData("desc", "-1.5")]
    public void Numerical_compares_tags_as_numbers(string order, string expected)
    {
        Assert.Equal(expected, Latest(new PolicyChoice { Numerical = order }, "9", "100", "-1.5", "20.25"));
    }

    [Fact]
    public void Numerical_fails_on_a_tag_that_is_not_a_number()
    {
        var ex = Assert.Throws<ImageException>(() => Latest(new PolicyChoice { Numerical = "asc" }, "1", "latest"));

        Assert.Contains("'latest' is not a number; select numeric tags with spec.filterTags", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_filter_with_extract_ranks_the_extracted_value_and_returns_the_original_tag()
    {
        var choice = new PolicyChoice { Numerical = "asc", FilterPattern = "^main-[a-f0-9]+-(?P<ts>[0-9]+)", FilterExtract = "$ts" };

        Assert.Equal("main-abc123-1700000900", Latest(choice, "main-def456-1700000100", "main-abc123-1700000900", "dev-000000-1800000000", "latest"));
    }

    [Fact]
    public void A_filter_without_extract_keeps_matching_tags_whole()
    {
        var choice = new PolicyChoice { SemverRange = ">=1.0.0", FilterPattern = "^1\\.[0-9]+\\.[0-9]+$" };

        Assert.Equal("1.9.0", Latest(choice, "1.2.0", "1.9.0", "2.0.0"));
    }

    [Fact]
    public void Extract_expands_braced_numbered_and_unknown_groups_as_go_does()
    {
        var choice = new PolicyChoice { Alphabetical = "asc", FilterPattern = "^(?P<a>[a-z]+)-([0-9]+)$", FilterExtract = "${a}$$$nope" };

        Assert.Equal("b-1", Latest(choice, "a-2", "b-1"));
    }

    [Theory]
    [InlineData(">= 1.0 <", "spec.policy.semver.range")]
    [InlineData(null, "spec.filterTags.pattern")]
    public void An_invalid_range_or_pattern_is_refused_naming_the_field(string? range, string field)
    {
        var choice = range is null
            ? new PolicyChoice { SemverRange = ">=1.0.0", FilterPattern = "(?P<ts" }
            : new PolicyChoice { SemverRange = range };

        var ex = Assert.Throws<ImageException>(() => TagSelector.Create(choice, Where));

        Assert.Equal(field, ex.Field);
        Assert.Equal(ImageReasons.InvalidPolicy, ex.Reason);
        Assert.StartsWith($"{Where}: invalid", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_policy_or_two_policies_is_refused()
    {
        Assert.Equal("spec.policy", Assert.Throws<ImageException>(() => TagSelector.Create(new PolicyChoice(), Where)).Field);
        Assert.Equal("spec.policy", Assert.Throws<ImageException>(() => TagSelector.Create(new PolicyChoice { SemverRange = "*", Numerical = "asc" }, Where)).Field);
    }

    [Fact]
    public void No_matching_tag_says_which_rule_refused_them()
    {
        var semver = Assert.Throws<ImageException>(() => Latest(new PolicyChoice { SemverRange = ">=5.0.0" }, "1.0.0", "2.0.0"));
        var filter = Assert.Throws<ImageException>(() => Latest(new PolicyChoice { Alphabetical = "asc", FilterPattern = "^release-" }, "main", "dev"));

        Assert.Equal($"{Where}: no latest tag for 'ghcr.io/org/app': no tag of 2 matches semver range '>=5.0.0'", semver.Message);
        Assert.Equal($"{Where}: no latest tag for 'ghcr.io/org/app': no tag of 2 matches spec.filterTags.pattern '^release-'", filter.Message);
    }
}
