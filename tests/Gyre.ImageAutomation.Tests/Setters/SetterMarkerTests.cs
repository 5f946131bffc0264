using Gyre.ImageAutomation.Setters;

namespace Gyre.ImageAutomation.Tests.Setters;

public sealed class SetterMarkerTests
{
    [Theory]
    [InlineData(" {\"$imagepolicy\": \"flux-system:podinfo\"}", "flux-system", "podinfo", SetterField.Reference)]
    [InlineData("{\"$imagepolicy\":\"ns:p:name\"}", "ns", "p", SetterField.Name)]
    [InlineData(" { \"$imagepolicy\" : \"ns:p:tag\" } ", "ns", "p", SetterField.Tag)]
    [InlineData("{\"$imagepolicy\": \"ns:p:digest\"}", "ns", "p", SetterField.Digest)]
    public void Markers_name_the_policy_and_the_field(string comment, string ns, string name, SetterField field)
    {
        var marker = SetterMarker.Parse(comment);

        Assert.NotNull(marker);
        Assert.Equal((ns, name, field), (marker.PolicyNamespace, marker.PolicyName, marker.Field));
    }

    [Theory]
    [InlineData(" $imagepolicy ns:p")]
    [InlineData("{\"$imagepolicy\": \"p\"}")]
    [InlineData("{\"$imagepolicy\": \"ns:p:size\"}")]
    [InlineData("{\"$imagepolicy\": \"ns:p:tag:x\"}")]
    [InlineData("{\"$imagepolicy\": 3}")]
    [InlineData("{\"$setter\": \"ns:p\"}")]
    [InlineData("{\"$imagepolicy\": \"ns:p\"")]
    [InlineData("{\"$imagepolicy\": \":p\"}")]
    public void Anything_else_is_not_a_marker(string comment) => Assert.Null(SetterMarker.Parse(comment));

    [Theory]
    [InlineData("1.2.3", true)]
    [InlineData("ghcr.io/acme/app:1.2.3@sha256:abc", true)]
    [InlineData("1.10", false)]
    [InlineData("10", false)]
    [InlineData("true", false)]
    [InlineData("null", false)]
    [InlineData("1e3", false)]
    [InlineData("", false)]
    [InlineData("a: b", false)]
    [InlineData("@x", false)]
    public void Plain_scalars_stay_plain_only_when_they_read_back_as_the_same_string(string value, bool plain) =>
        Assert.Equal(plain, ScalarText.IsSafePlain(value));

    [Fact]
    public void Update_paths_outside_the_checkout_are_refused()
    {
        using var tree = new TempTree();
        Directory.CreateDirectory(Path.Combine(tree.Path, "inside"));
        Directory.CreateSymbolicLink(Path.Combine(tree.Path, "link"), Path.GetTempPath());

        Assert.Equal(Path.Combine(tree.Path, "inside"), SetterUpdate.Resolve(tree.Path, "./inside"));
        Assert.Equal(Path.Combine(tree.Path, "inside"), SetterUpdate.Resolve(tree.Path, "/inside"));
        var escape = Assert.Throws<ImageAutomationException>(() => SetterUpdate.Resolve(tree.Path, "../"));
        Assert.Contains("outside the repository", escape.Message, StringComparison.Ordinal);
        Assert.Throws<ImageAutomationException>(() => SetterUpdate.Resolve(tree.Path, "link"));
        var missing = Assert.Throws<ImageAutomationException>(() => SetterUpdate.Resolve(tree.Path, "nope"));
        Assert.Equal(ImageAutomationReasons.UpdateFailed, missing.Reason);
    }
}
