using Gyre.ImageAutomation.Setters;
using Gyre.Sources.Git;

namespace Gyre.ImageAutomation.Tests.Git;

/// <summary>The GitRepository's secretRef credentials carry the push too; a refused password never shows up in the error.</summary>
[Collection(GitServerCollection.Name)]
public sealed class AuthenticatedPushTests(GitServerFixture git) : IDisposable
{
    private readonly TempDirectory _work = new();

    private AutomationRunRequest Request(string url, GitCredentials credentials) => new()
    {
        AutomationNamespace = "apps",
        AutomationName = "update",
        Git = new() { Url = url, Checkout = new GitReference { Branch = "main" }, Credentials = credentials, AllowInsecureHttp = true },
        Policies = [new LatestImage("apps", "app", "ghcr.io/acme/app", "3.0.0")],
        AuthorEmail = "bot@example.com",
    };

    [Fact]
    public async Task Basic_auth_clones_and_pushes_and_a_wrong_password_is_redacted()
    {
        var (url, work) = git.Repository("private", ("app.yaml", "image: ghcr.io/acme/app:1.0.0 # {\"$imagepolicy\": \"apps:app\"}\n"));
        using var _ = work;
        var runner = new ImageUpdateRunner(_work.Combine("w"), new SecretFileCache(_work.Combine("s")), TimeProvider.System);
        git.Server.Username = "robot";
        git.Server.Password = "right-password";
        try
        {
            var refused = await Assert.ThrowsAsync<ImageAutomationException>(() =>
                runner.RunAsync(Request(url, new GitCredentials { Username = "robot", Password = "wrong-password" }), null, CancellationToken.None));
            var pushed = await runner.RunAsync(Request(url, new GitCredentials { Username = "robot", Password = "right-password" }), null, CancellationToken.None);

            Assert.Equal(ImageAutomationReasons.GitOperationFailed, refused.Reason);
            Assert.DoesNotContain("wrong-password", refused.ToString(), StringComparison.Ordinal);
            Assert.Equal(pushed.Push!.Commit, work.Git("ls-remote", "origin", "refs/heads/main").Split('\t')[0]);
        }
        finally
        {
            git.Server.Username = null;
            git.Server.Password = null;
        }
    }

    public void Dispose() => _work.Dispose();
}
