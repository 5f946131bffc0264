using Gyre.Sources.Git;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Sources.Tests.Git;

/// <summary>HTTPS-style credentials from a GitRepository's secretRef, against a git server that demands them.</summary>
public sealed class GitAuthenticationHttpTests : IAsyncLifetime, IDisposable
{
    private readonly SourceHarness _harness = new();
    private GitHttpServer _server = null!;
    private string _url = "";
    private string _commit = "";

    public async Task InitializeAsync()
    {
        _server = await GitHttpServer.StartAsync();
        _url = _server.CreateRepository("private");
        using var work = new GitWorkTree(_server.PathOf("private"));
        work.Write("a.yaml", "a\n");
        _commit = work.Commit("first");
        work.Push();
    }

    private GitRepositoryRequest Request(GitCredentials? credentials) => new()
    {
        Key = SourceHarness.Key(),
        Url = _url,
        Reference = new GitReference { Branch = "main" },
        Credentials = credentials,
        AllowInsecureHttp = true,
    };

    [Fact]
    public async Task Basic_auth_from_the_secret_is_sent()
    {
        _server.Username = "flux";
        _server.Password = "s3cret-pa55";
        var secret = new Dictionary<string, byte[]> { ["username"] = "flux"u8.ToArray(), ["password"] = "s3cret-pa55"u8.ToArray() };

        var result = await _harness.Git.ReconcileAsync(Request(GitCredentials.FromSecret(secret)), TestTimeout.Token);

        Assert.Equal($"main@sha1:{_commit}", result.Artifact.Revision);
    }

    [Fact]
    public async Task Bearer_token_from_the_secret_is_sent()
    {
        _server.BearerToken = "tok-123456";

        var result = await _harness.Git.ReconcileAsync(Request(new GitCredentials { BearerToken = "tok-123456" }), TestTimeout.Token);

        Assert.Equal($"main@sha1:{_commit}", result.Artifact.Revision);
    }

    [Fact]
    public async Task Wrong_password_fails_clearly_without_revealing_any_secret()
    {
        _server.Username = "flux";
        _server.Password = "right-password";

        var error = await Assert.ThrowsAsync<SourceException>(() => _harness.Git.ReconcileAsync(
            Request(new GitCredentials { Username = "flux", Password = "wrong-password" }), TestTimeout.Token));

        Assert.Equal(SourceReasons.GitOperationFailed, error.Reason);
        Assert.StartsWith(_url + ": git ls-remote: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Authentication failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String("flux:wrong-password"u8.ToArray()), error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_credentials_fail_without_prompting()
    {
        _server.Username = "flux";
        _server.Password = "pw";

        var error = await Assert.ThrowsAsync<SourceException>(() => _harness.Git.ReconcileAsync(Request(null), TestTimeout.Token));

        Assert.Equal(SourceReasons.GitOperationFailed, error.Reason);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _harness.Dispose();
}
