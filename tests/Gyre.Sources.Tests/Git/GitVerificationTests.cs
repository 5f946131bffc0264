using System.Text;
using Gyre.Sources.Git;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Sources.Tests.Git;

/// <summary>spec.verify: OpenPGP-signed commits and tags are checked against the keys of the verification Secret.</summary>
public sealed class GitVerificationTests(GitHttpFixture fixture) : IClassFixture<GitHttpFixture>, IDisposable
{
    private readonly SourceHarness _harness = new();
    private readonly GpgKey _trusted = new("trusted@gyre.invalid");
    private readonly GpgKey _stranger = new("stranger@gyre.invalid");

    private (string Url, GitWorkTree Work) NewRepository()
    {
        var name = "signed-" + Guid.NewGuid().ToString("N")[..8];
        var url = fixture.Server.CreateRepository(name);
        return (url, new GitWorkTree(fixture.Server.PathOf(name)));
    }

    private static string SignedCommit(GitWorkTree work, GpgKey key, string message)
    {
        Shell.Run(work.Path, key.SigningEnvironment, "git", "-c", "user.signingkey=" + key.Fingerprint, "commit", "-q", "-S", "--allow-empty", "-m", message);
        return work.Git("rev-parse", "HEAD");
    }

    private GitRepositoryRequest Request(string url, GitReference reference, string mode) => new()
    {
        Key = SourceHarness.Key(),
        Url = url,
        Reference = reference,
        AllowInsecureHttp = true,
        Verify = new GitVerification { Mode = mode, Keys = new Dictionary<string, byte[]> { ["trusted.asc"] = Encoding.UTF8.GetBytes(_trusted.PublicKey) } },
    };

    [Fact]
    public async Task Commit_signed_by_a_trusted_key_is_verified()
    {
        var (url, work) = NewRepository();
        using var _ = work;
        var commit = SignedCommit(work, _trusted, "signed");
        work.Push();

        var result = await _harness.Git.ReconcileAsync(Request(url, new GitReference { Branch = "main" }, "HEAD"), TestTimeout.Token);

        Assert.Equal($"verified signature of commit '{commit}'", result.VerificationMessage);
    }

    [Fact]
    public async Task Commit_signed_by_an_unknown_key_fails_verification_and_stores_nothing()
    {
        var (url, work) = NewRepository();
        using var _ = work;
        SignedCommit(work, _stranger, "signed by someone else");
        work.Push();

        var error = await Assert.ThrowsAsync<SourceException>(() =>
            _harness.Git.ReconcileAsync(Request(url, new GitReference { Branch = "main" }, "HEAD"), TestTimeout.Token));

        Assert.Equal(SourceReasons.VerificationError, error.Reason);
        Assert.False(Directory.Exists(Path.Combine(_harness.Store.Root, "gitrepository")));
    }

    [Fact]
    public async Task Unsigned_commit_fails_verification()
    {
        var (url, work) = NewRepository();
        using var _ = work;
        work.Commit("unsigned");
        work.Push();

        var error = await Assert.ThrowsAsync<SourceException>(() =>
            _harness.Git.ReconcileAsync(Request(url, new GitReference { Branch = "main" }, "HEAD"), TestTimeout.Token));

        Assert.Equal(SourceReasons.VerificationError, error.Reason);
    }

    [Fact]
    public async Task Signed_tag_is_verified_in_tag_mode()
    {
        var (url, work) = NewRepository();
        using var _ = work;
        var commit = SignedCommit(work, _trusted, "release");
        Shell.Run(work.Path, _trusted.SigningEnvironment, "git", "-c", "user.signingkey=" + _trusted.Fingerprint, "tag", "-s", "v1.0.0", "-m", "v1.0.0");
        work.Push();
        work.Push("refs/tags/v1.0.0");

        var result = await _harness.Git.ReconcileAsync(Request(url, new GitReference { Tag = "v1.0.0" }, "TagAndHEAD"), TestTimeout.Token);

        Assert.Equal($"verified signature of tag 'v1.0.0' and commit '{commit}'", result.VerificationMessage);
    }

    [Fact]
    public async Task Commit_signed_with_an_ssh_key_is_verified_against_sshpub_keys()
    {
        var (url, work) = NewRepository();
        using var _ = work;
        using var keys = new TempDirectory();
        var key = keys.Combine("signing");
        Shell.Run(null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key);
        Shell.Run(work.Path, "git", "-c", "gpg.format=ssh", "-c", "user.signingkey=" + key, "commit", "-q", "-S", "--allow-empty", "-m", "ssh signed");
        var commit = work.Git("rev-parse", "HEAD");
        work.Push();
        var request = Request(url, new GitReference { Branch = "main" }, "HEAD") with
        {
            Verify = new GitVerification { Keys = new Dictionary<string, byte[]> { ["dev.sshpub"] = File.ReadAllBytes(key + ".pub") } },
        };
        var otherKey = keys.Combine("other");
        Shell.Run(null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherKey);

        var result = await _harness.Git.ReconcileAsync(request, TestTimeout.Token);
        var error = await Assert.ThrowsAsync<SourceException>(() => _harness.Git.ReconcileAsync(
            request with { Verify = new GitVerification { Keys = new Dictionary<string, byte[]> { ["other.sshpub"] = File.ReadAllBytes(otherKey + ".pub") } } },
            TestTimeout.Token));

        Assert.Equal($"verified signature of commit '{commit}'", result.VerificationMessage);
        Assert.Equal(SourceReasons.VerificationError, error.Reason);
    }

    public void Dispose()
    {
        _harness.Dispose();
        _trusted.Dispose();
        _stranger.Dispose();
    }
}
