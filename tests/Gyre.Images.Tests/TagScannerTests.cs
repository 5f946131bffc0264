using Gyre.Images.Scanning;
using Gyre.Sources.Oci;

namespace Gyre.Images.Tests;

/// <summary>Tag scans against Debian's docker-registry on 127.0.0.1.</summary>
public sealed class TagScannerTests(RegistryFixture registries) : IClassFixture<RegistryFixture>
{
    private static readonly OciClientOptions Anonymous = new() { Insecure = true, Timeout = TimeSpan.FromSeconds(30) };

    private static async Task<string> PushAsync(RegistryServer registry, string repository, string tag, RegistryCredentials? credentials = null)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("file.txt"), tag);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await OciArtifactPusher.PushAsync(OciReference.Parse($"oci://{registry.Host}/{repository}:{tag}", true), dir.Path,
            "https://example.com/app", "main@sha1:" + new string('a', 40), DateTimeOffset.UnixEpoch, Anonymous with { Credentials = credentials }, timeout.Token);
    }

    [Fact]
    public async Task A_scan_lists_every_tag_without_the_excluded_ones_and_resolves_a_digest()
    {
        var repository = "scan/" + Guid.NewGuid().ToString("N")[..8];
        await PushAsync(registries.Anonymous, repository, "1.0.0");
        var digest = await PushAsync(registries.Anonymous, repository, "1.1.0");
        await PushAsync(registries.Anonymous, repository, "sha256-0123.sig");
        var image = ImageName.Parse($"{registries.Anonymous.Host}/{repository}");

        var result = await TagScanner.ScanAsync(image, ExclusionList.Compile(ExclusionList.Default, "test"), Anonymous, CancellationToken.None);

        Assert.Equal(["1.0.0", "1.1.0"], result.Tags);
        Assert.Equal(["1.1.0", "1.0.0"], result.LatestTags);
        Assert.Equal(digest, await TagScanner.ResolveDigestAsync(image, "1.1.0", Anonymous, CancellationToken.None));
    }

    [Fact]
    public async Task Refused_credentials_are_an_authentication_failure_without_the_password()
    {
        var repository = "private/" + Guid.NewGuid().ToString("N")[..8];
        await PushAsync(registries.Protected, repository, "v1", new RegistryCredentials(RegistryFixture.Username, RegistryFixture.Password));
        const string wrong = "wrong-Pa55-word-77";
        var image = ImageName.Parse($"{registries.Protected.Host}/{repository}");

        var ex = await Assert.ThrowsAsync<ImageException>(() => TagScanner.ScanAsync(image, ExclusionList.Compile([], "test"),
            Anonymous with { Credentials = new RegistryCredentials(RegistryFixture.Username, wrong) }, CancellationToken.None));

        Assert.Equal(ImageReasons.AuthenticationFailed, ex.Reason);
        Assert.StartsWith($"{image.Canonical}: scan failed: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("check the credentials in the docker-registry Secret", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_repository_is_a_read_failure_that_says_not_found()
    {
        var image = ImageName.Parse($"{registries.Anonymous.Host}/missing/{Guid.NewGuid().ToString("N")[..8]}");

        var ex = await Assert.ThrowsAsync<ImageException>(() => TagScanner.ScanAsync(image, ExclusionList.Compile([], "test"), Anonymous, CancellationToken.None));

        Assert.Equal(ImageReasons.ReadOperationFailed, ex.Reason);
        Assert.Equal($"{image.Canonical}: scan failed: listing tags: not found (404)", ex.Message);
    }
}
