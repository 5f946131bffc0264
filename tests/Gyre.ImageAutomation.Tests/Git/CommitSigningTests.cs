using Gyre.ImageAutomation.Setters;
using Gyre.Sources.Git;

namespace Gyre.ImageAutomation.Tests.Git;

/// <summary>signingKey (gpg): the pushed commit carries a signature git verifies with the public half of git.asc.</summary>
[Collection(GitServerCollection.Name)]
public sealed class CommitSigningTests(GitServerFixture git) : IDisposable
{
    private readonly TempDirectory _work = new();

    [Fact]
    public async Task A_passphrase_protected_key_signs_the_commit()
    {
        var home = _work.Combine("keys");
        Directory.CreateDirectory(home);
        Shell.Run(null, "chmod", "700", home);
        var env = new Dictionary<string, string> { ["GNUPGHOME"] = home };
        Shell.Run(null, env, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "s3cret", "--quick-gen-key", "Flux Bot <bot@example.com>", "ed25519", "sign", "never");
        var secret = Shell.Run(null, env, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "s3cret", "--armor", "--export-secret-keys");
        var (url, work) = git.Repository("signed", ("app.yaml", "image: ghcr.io/acme/app:1.0.0 # {\"$imagepolicy\": \"apps:app\"}\n"));
        using var _ = work;
        var runner = new ImageUpdateRunner(_work.Combine("w"), new SecretFileCache(_work.Combine("s")), TimeProvider.System);

        var result = await runner.RunAsync(new AutomationRunRequest
        {
            AutomationNamespace = "apps",
            AutomationName = "update",
            Git = new() { Url = url, Checkout = new GitReference { Branch = "main" }, AllowInsecureHttp = true },
            Policies = [new LatestImage("apps", "app", "ghcr.io/acme/app", "1.1.0")],
            AuthorEmail = "bot@example.com",
            SigningKey = System.Text.Encoding.UTF8.GetBytes(secret),
            SigningPassphrase = "s3cret",
        }, null, CancellationToken.None);

        work.Git("fetch", "-q", "origin", "main");
        var status = Shell.Run(work.Path, env, "git", "log", "-1", "--format=%G? %GS", result.Push!.Commit).Trim();
        Assert.Equal("G Flux Bot <bot@example.com>", status);
        Assert.Empty(Directory.GetDirectories(_work.Combine("w")));
        Shell.Run(null, env, "gpgconf", "--kill", "all");
    }

    [Fact]
    public async Task A_key_that_is_not_openpgp_is_reported_without_its_content()
    {
        var (url, work) = git.Repository("badkey", ("app.yaml", "image: ghcr.io/acme/app:1.0.0 # {\"$imagepolicy\": \"apps:app\"}\n"));
        using var _ = work;
        var runner = new ImageUpdateRunner(_work.Combine("w"), new SecretFileCache(_work.Combine("s")), TimeProvider.System);

        var error = await Assert.ThrowsAsync<ImageAutomationException>(() => runner.RunAsync(new AutomationRunRequest
        {
            AutomationNamespace = "apps",
            AutomationName = "update",
            Git = new() { Url = url, Checkout = new GitReference { Branch = "main" }, AllowInsecureHttp = true },
            Policies = [new LatestImage("apps", "app", "ghcr.io/acme/app", "1.1.0")],
            AuthorEmail = "bot@example.com",
            SigningKey = "not-a-key-TOPSECRET"u8.ToArray(),
        }, null, CancellationToken.None));

        Assert.Equal(ImageAutomationReasons.InvalidSourceConfiguration, error.Reason);
        Assert.DoesNotContain("TOPSECRET", error.Message, StringComparison.Ordinal);
        Assert.Equal(work.Git("rev-parse", "HEAD"), work.Git("ls-remote", "origin", "refs/heads/main").Split('\t')[0]);
    }

    public void Dispose() => _work.Dispose();
}
