using Gyre.ImageAutomation.Git;
using Gyre.Sources;

namespace Gyre.ImageAutomation.Tests.Git;

public sealed class AutomationGitRequestTests
{
    [Theory]
    [InlineData("https://user:hunter2@example.com/repo.git", null, "it contains a password")]
    [InlineData("repo.git", null, "it is not an absolute URL")]
    [InlineData("https://example.com/repo.git", "--upload-pack=evil", "it must be a git refspec")]
    public void Unsafe_urls_and_refspecs_are_an_invalid_source_configuration(string url, string? refspec, string why)
    {
        var error = Assert.Throws<ImageAutomationException>(() => new AutomationGitRequest { Url = url, PushRefspec = refspec }.Validate("here"));

        Assert.Equal(ImageAutomationReasons.InvalidSourceConfiguration, error.Reason);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_push_branch_that_git_could_read_as_an_option_is_refused() =>
        Assert.Throws<SourceException>(() => new AutomationGitRequest { Url = "https://example.com/r.git", PushBranch = "-f" }.Validate("here"));

    [Fact]
    public void Push_options_must_be_single_line() =>
        Assert.Throws<ImageAutomationException>(() => new AutomationGitRequest
        {
            Url = "https://example.com/r.git",
            PushOptions = new Dictionary<string, string> { ["ci.skip"] = "a\nb" },
        }.Validate("here"));
}
