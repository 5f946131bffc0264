using System.Security.Cryptography;
using System.Text;
using Gyre.Images.Scanning;

namespace Gyre.Images.Tests;

public sealed class ScanResultTests
{
    [Fact]
    public void Latest_tags_are_the_ten_highest_in_descending_byte_order()
    {
        var tags = Enumerable.Range(1, 12).Select(i => $"v{i}").Append("latest").ToList();

        var result = ScanResult.Of(tags);

        Assert.Equal(["v9", "v8", "v7", "v6", "v5", "v4", "v3", "v2", "v12", "v11"], result.LatestTags);
        Assert.Equal(13, result.Tags.Count);
    }

    [Fact]
    public void The_revision_is_the_sha256_of_the_tags_one_per_line_in_ordinal_order()
    {
        var expected = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("1.0.0\n1.1.0\n")));

        Assert.Equal(expected, ScanResult.Of(["1.0.0", "1.1.0"]).Revision);
        Assert.Equal(expected, ScanResult.Of(["1.1.0", "1.0.0"]).Revision);
        Assert.NotEqual(expected, ScanResult.Of(["1.0.0", "1.1.0", "1.2.0"]).Revision);
    }

    [Fact]
    public void The_default_exclusion_list_drops_cosign_signature_tags()
    {
        var list = ExclusionList.Compile(ExclusionList.Default, "ImageRepository/ns/app");

        Assert.Equal(["v1", "sig"], list.Filter(["v1", "sha256-abc.sig", "sig"]));
    }

    [Fact]
    public void Several_exclusion_patterns_each_drop_their_tags_and_go_named_groups_compile()
    {
        var list = ExclusionList.Compile(["^dev-", "(?P<x>rc)[0-9]$"], "ImageRepository/ns/app");

        Assert.Equal(["1.0.0", "rc"], list.Filter(["1.0.0", "dev-1", "1.0-rc1", "rc"]));
    }

    [Fact]
    public void An_exclusion_pattern_that_does_not_compile_names_its_index()
    {
        var ex = Assert.Throws<ImageException>(() => ExclusionList.Compile(["^ok$", "(unclosed"], "ImageRepository/ns/app"));

        Assert.Equal("spec.exclusionList[1]", ex.Field);
        Assert.StartsWith("ImageRepository/ns/app: invalid regular expression in spec.exclusionList[1]: '(unclosed'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_store_keeps_tags_across_a_restart_and_forgets_deleted_repositories()
    {
        using var dir = new TempDirectory();
        var revision = new TagStore(dir.Path).Set("ns", "app", ["1.0.0", "2.0.0"]);

        var reopened = new TagStore(dir.Path);

        Assert.Equal(["1.0.0", "2.0.0"], reopened.Get("ns", "app"));
        Assert.Equal(ScanResult.Of(["1.0.0", "2.0.0"]).Revision, revision);
        Assert.Null(reopened.Get("ns", "other"));
        reopened.Delete("ns", "app");
        Assert.Null(new TagStore(dir.Path).Get("ns", "app"));
    }
}
