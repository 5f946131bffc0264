using System.Text;
using Gyre.Sources.Git;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Sources.Tests.Git;

/// <summary>GitRepository over ssh:// against a real sshd: key auth, passphrase keys, host keys always verified.</summary>
public sealed class GitSshTests(SshServer ssh) : IClassFixture<SshServer>, IDisposable
{
    private readonly SourceHarness _harness = new();

    private (string Url, string Commit) NewRepository()
    {
        var name = "repo-" + Guid.NewGuid().ToString("N")[..8];
        using var work = new GitWorkTree(ssh.CreateRepository(name));
        work.Write("app.yaml", "app");
        var commit = work.Commit("first");
        work.Push();
        return (ssh.UrlOf(name), commit);
    }

    private static GitRepositoryRequest Request(string url, GitCredentials credentials) => new()
    {
        Key = SourceHarness.Key(),
        Url = url,
        Reference = new GitReference { Branch = "main" },
        Credentials = credentials,
    };

    private GitCredentials Credentials(string keyPath, string? knownHosts = null, string? passphrase = null) => new()
    {
        Identity = File.ReadAllBytes(keyPath),
        KnownHosts = Encoding.UTF8.GetBytes(knownHosts ?? ssh.KnownHosts),
        Password = passphrase,
    };

    [Fact]
    public async Task Private_key_with_known_hosts_fetches_over_ssh()
    {
        var (url, commit) = NewRepository();

        var result = await _harness.Git.ReconcileAsync(Request(url, Credentials(ssh.ClientKeyPath)), TestTimeout.Token);

        Assert.Equal($"main@sha1:{commit}", result.Artifact.Revision);
        Assert.Equal(["app.yaml"], (await _harness.FilesOfAsync(result.Artifact)).Keys);
    }

    [Fact]
    public async Task Passphrase_protected_key_uses_the_secret_password()
    {
        var (url, commit) = NewRepository();

        var result = await _harness.Git.ReconcileAsync(
            Request(url, Credentials(ssh.EncryptedClientKeyPath, passphrase: SshServer.Passphrase)), TestTimeout.Token);

        Assert.Equal($"main@sha1:{commit}", result.Artifact.Revision);
    }

    [Fact]
    public async Task Wrong_host_key_fails_and_is_never_accepted()
    {
        var (url, _) = NewRepository();
        var otherKey = Shell.Run(null, "sh", "-c", "d=$(mktemp -d) && ssh-keygen -q -t ed25519 -N '' -f $d/k && cat $d/k.pub && rm -rf $d").Trim();
        var wrong = $"[127.0.0.1]:{ssh.Port} {otherKey}\n";

        var error = await Assert.ThrowsAsync<SourceException>(() =>
            _harness.Git.ReconcileAsync(Request(url, Credentials(ssh.ClientKeyPath, wrong)), TestTimeout.Token));

        Assert.Equal(SourceReasons.GitOperationFailed, error.Reason);
        Assert.Contains("Host key verification failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_host_is_not_auto_accepted()
    {
        var (url, _) = NewRepository();

        var error = await Assert.ThrowsAsync<SourceException>(() =>
            _harness.Git.ReconcileAsync(Request(url, Credentials(ssh.ClientKeyPath, "[example.invalid]:22 " + ssh.HostPublicKey + "\n")), TestTimeout.Token));

        Assert.Contains("Host key verification failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_known_hosts_is_an_authentication_error()
    {
        var (url, _) = NewRepository();

        var error = await Assert.ThrowsAsync<SourceException>(() => _harness.Git.ReconcileAsync(
            Request(url, new GitCredentials { Identity = File.ReadAllBytes(ssh.ClientKeyPath) }), TestTimeout.Token));

        Assert.Equal(SourceReasons.AuthenticationFailed, error.Reason);
        Assert.Contains("known_hosts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_passphrase_fails_without_revealing_it()
    {
        var (url, _) = NewRepository();

        var error = await Assert.ThrowsAsync<SourceException>(() => _harness.Git.ReconcileAsync(
            Request(url, Credentials(ssh.EncryptedClientKeyPath, passphrase: "not-the-passphrase")), TestTimeout.Token));

        Assert.Equal(SourceReasons.GitOperationFailed, error.Reason);
        Assert.DoesNotContain("not-the-passphrase", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _harness.Dispose();
}
