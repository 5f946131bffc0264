namespace Gyre.Images.Tests;

public sealed class ImageNameTests
{
    [Theory]
    [InlineData("alpine", "index.docker.io", "library/alpine")]
    [InlineData("stefanprodan/podinfo", "index.docker.io", "stefanprodan/podinfo")]
    [InlineData("docker.io/alpine", "index.docker.io", "library/alpine")]
    [InlineData("docker.io/fluxcd/flux", "index.docker.io", "fluxcd/flux")]
    [InlineData("ghcr.io/stefanprodan/podinfo", "ghcr.io", "stefanprodan/podinfo")]
    [InlineData("127.0.0.1:5000/team/app", "127.0.0.1:5000", "team/app")]
    [InlineData("localhost:5000/app", "localhost:5000", "app")]
    [InlineData("localhost/app", "index.docker.io", "localhost/app")]
    public void Names_are_made_canonical_as_go_containerregistry_does(string image, string registry, string repository)
    {
        var name = ImageName.Parse(image);

        Assert.Equal(registry, name.Registry);
        Assert.Equal(repository, name.Repository);
        Assert.Equal(registry + "/" + repository, name.Canonical);
    }

    [Theory]
    [InlineData("https://ghcr.io/org/app", "remove 'https://'")]
    [InlineData("ghcr.io/org/app:v1", "remove ':v1'")]
    [InlineData("ghcr.io/org/app@sha256:abc", "remove '@sha256:abc'")]
    [InlineData("ghcr.io/Org/App", "must be 1 to 255 of the characters")]
    [InlineData("", "must be 1 to 255 of the characters")]
    public void Invalid_images_are_refused_naming_the_field(string image, string expected)
    {
        var ex = Assert.Throws<ImageException>(() => ImageName.Parse(image));

        Assert.Equal("spec.image", ex.Field);
        Assert.Equal(ImageReasons.ImageUrlInvalid, ex.Reason);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
