using System.Text;
using Gyre.ImageAutomation.Git;
using Gyre.ImageAutomation.Setters;
using Gyre.Sources.Git;

namespace Gyre.ImageAutomation.Tests.Git;

/// <summary>The GitRepository's other transports carry the clone and the push: ssh with a passphrase key and verified host key, an HTTP proxy.</summary>
[Collection(GitServerCollection.Name)]
public sealed class TransportTests(GitServerFixture git, SshServer ssh) : IClassFixture<SshServer>, IDisposable
{
    private const string File = "app.yaml";
    private const string Content = "image: ghcr.io/acme/app:1.0.0 # {\"$imagepolicy\": \"apps:app\"}\n";
    private readonly TempDirectory _work = new();

    private ImageUpdateRunner Runner() => new(_work.Combine("w"), new SecretFileCache(_work.Combine("s")), TimeProvider.System);

    private static AutomationRunRequest Request(AutomationGitRequest gitRequest) => new()
    {
        AutomationNamespace = "apps",
        AutomationName = "update",
        Git = gitRequest,
        Policies = [new LatestImage("apps", "app", "ghcr.io/acme/app", "4.0.0")],
        AuthorEmail = "bot@example.com",
    };

    [Fact]
    public async Task Ssh_with_a_passphrase_protected_key_clones_and_pushes()
    {
        using var work = new GitWorkTree(ssh.CreateRepository("over-ssh"));
        work.Write(File, Content).Commit("first");
        work.Push();
        var credentials = new GitCredentials
        {
            Identity = System.IO.File.ReadAllBytes(ssh.EncryptedClientKeyPath),
            KnownHosts = Encoding.UTF8.GetBytes(ssh.KnownHosts),
            Password = SshServer.Passphrase,
        };

        var result = await Runner().RunAsync(
            Request(new() { Url = ssh.UrlOf("over-ssh"), Checkout = new GitReference { Branch = "main" }, Credentials = credentials }), null, CancellationToken.None);

        Assert.Equal(result.Push!.Commit, work.Git("ls-remote", "origin", "refs/heads/main").Split('\t')[0]);
        work.Git("fetch", "-q", "origin", "main");
        Assert.Contains("app:4.0.0", work.Git("show", "FETCH_HEAD:" + File), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_proxy_secret_carries_the_clone_and_the_push()
    {
        var (url, work) = git.Repository("proxied", (File, Content));
        using var _ = work;
        await using var proxy = await ForwardProxy.StartAsync("proxy-user", "proxy-pa55");
        var before = git.Server.Requests;

        var result = await Runner().RunAsync(Request(new()
        {
            Url = url, Checkout = new GitReference { Branch = "main" }, AllowInsecureHttp = true,
            Proxy = new GitProxy(proxy.Address, "proxy-user", "proxy-pa55"),
        }), null, CancellationToken.None);

        Assert.Equal(result.Push!.Commit, work.Git("ls-remote", "origin", "refs/heads/main").Split('\t')[0]);
        Assert.Equal(git.Server.Requests - before, proxy.Relayed);
    }

    public void Dispose() => _work.Dispose();
}
