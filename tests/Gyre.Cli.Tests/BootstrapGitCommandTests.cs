using System.Text;
using System.Text.Json.Nodes;
using Gyre.Cli.Tests.Support;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Cli.Tests;

/// <summary>
/// `gyre bootstrap git` end to end: a Git server over HTTPS (git http-backend behind TLS and basic auth) or SSH (sshd),
/// the local cluster with the controllers running, and the flux-system Kustomization syncing what the repository holds.
/// </summary>
public sealed class BootstrapGitCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private BootstrapCluster? _cluster;

    public async Task InitializeAsync() => _cluster = await BootstrapCluster.StartAsync(_dir.Combine("k8s"));

    [Fact]
    public async Task Bootstrap_over_https_commits_the_manifests_installs_and_syncs_and_a_second_run_commits_nothing()
    {
        var tls = TestCertificates.Create();
        await using var server = await GitHttpServer.StartAsync(tls);
        server.Username = "bot";
        server.Password = "s3cret-pass";
        var url = server.CreateRepository("fleet");
        var bare = server.PathOf("fleet");
        Shell.Run(bare, "git", "config", "http.receivepack", "true");
        Seed(bare);
        var ca = _dir.Combine("ca.pem");
        await File.WriteAllTextAsync(ca, tls.CaPem);
        string[] args = ["bootstrap", "git", "--url", url, "--username", "bot", "--password", "s3cret-pass", "--ca-file", ca,
            "--path", "clusters/dev", "--kubeconfig", _cluster!.Kubeconfig, "--timeout", "2m"];

        var first = await CliRunner.RunAsync(args);

        Assert.True(first.Code == 0, first.Error);
        Assert.Contains("✔ bootstrap finished", first.Error, StringComparison.Ordinal);
        Assert.Contains("\n◎ waiting for Kustomization reconciliation\n", first.Error, StringComparison.Ordinal); // no terminal: plain lines, no spinner
        Assert.DoesNotContain('\u001b', first.Error);
        Assert.DoesNotContain("s3cret-pass", first.Error + first.Output, StringComparison.Ordinal);
        var components = Shell.Run(bare, "git", "show", "main:clusters/dev/flux-system/gotk-components.yaml");
        Assert.Equal((await CliRunner.RunAsync("install", "--export")).Output, components[(components.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
        var sync = Shell.Run(bare, "git", "show", "main:clusters/dev/flux-system/gotk-sync.yaml");
        Assert.Contains("path: ./clusters/dev", sync, StringComparison.Ordinal);
        Assert.Contains("name: flux-system", sync, StringComparison.Ordinal);
        Assert.Contains(url, sync, StringComparison.Ordinal);
        Assert.Contains("- gotk-sync.yaml", Shell.Run(bare, "git", "show", "main:clusters/dev/flux-system/kustomization.yaml"), StringComparison.Ordinal);
        var secret = await _cluster.GetAsync("v1", "Secret", "flux-system", "flux-system");
        Assert.Equal(["ca.crt", "password", "username"], ((JsonObject)secret!["data"]!).Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("s3cret-pass", Encoding.UTF8.GetString(Convert.FromBase64String((string)secret["data"]!["password"]!)));
        var demo = await _cluster.GetAsync("v1", "ConfigMap", "default", "demo");
        Assert.Equal("hello", (string?)demo?["data"]?["greeting"]);

        var commits = Shell.Run(bare, "git", "rev-list", "--count", "main");
        var second = await CliRunner.RunAsync(args);

        Assert.True(second.Code == 0, second.Error);
        Assert.Contains("✔ component manifests are up to date", second.Error, StringComparison.Ordinal);
        Assert.Contains("✔ sync manifests are up to date", second.Error, StringComparison.Ordinal);
        Assert.Equal(commits, Shell.Run(bare, "git", "rev-list", "--count", "main"));
    }

    [Fact]
    public async Task Bootstrap_over_ssh_into_an_empty_repository_creates_the_branch_stores_the_key_and_known_hosts_and_syncs()
    {
        var ssh = new SshServer();
        await ssh.InitializeAsync();
        try
        {
            var bare = ssh.CreateRepository("fleet");
            var knownHosts = _dir.Combine("known_hosts");
            await File.WriteAllTextAsync(knownHosts, ssh.KnownHosts);

            var result = await CliRunner.RunWithInputAsync("y\n", "bootstrap", "git", "--url", ssh.UrlOf("fleet"), "--private-key-file", ssh.ClientKeyPath,
                "--known-hosts-file", knownHosts, "--path", "./clusters/dev/", "--branch", "main", "--kubeconfig", _cluster!.Kubeconfig, "--timeout", "2m");

            Assert.True(result.Code == 0, result.Error);
            Assert.Contains("✔ branch \"main\" does not exist yet: it will be created", result.Error, StringComparison.Ordinal);
            Assert.Equal("2", Shell.Run(bare, "git", "rev-list", "--count", "main").Trim()); // components, then sync manifests
            Assert.Contains("public key: ssh-ed25519 ", result.Error, StringComparison.Ordinal);
            Assert.Contains("Please give the key access to your repository [y/N]", result.Error, StringComparison.Ordinal);
            var secret = await _cluster.GetAsync("v1", "Secret", "flux-system", "flux-system");
            Assert.Equal(["identity", "identity.pub", "known_hosts"], ((JsonObject)secret!["data"]!).Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.Equal(ssh.KnownHosts, Encoding.UTF8.GetString(Convert.FromBase64String((string)secret["data"]!["known_hosts"]!)));
            Assert.Contains("url: " + ssh.UrlOf("fleet"), Shell.Run(bare, "git", "show", "main:clusters/dev/flux-system/gotk-sync.yaml"), StringComparison.Ordinal);
            Assert.NotNull(await _cluster.GetAsync("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system", "flux-system"));
        }
        finally
        {
            await ssh.DisposeAsync();
        }
    }

    [Fact]
    public async Task Bootstrap_over_ssh_refuses_a_host_whose_key_does_not_match_known_hosts_and_commits_nothing()
    {
        var ssh = new SshServer();
        await ssh.InitializeAsync();
        try
        {
            var bare = ssh.CreateRepository("fleet");
            Seed(bare);
            Shell.Run(_dir.Path, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", _dir.Combine("impostor"));
            var knownHosts = _dir.Combine("known_hosts");
            await File.WriteAllTextAsync(knownHosts, $"[127.0.0.1]:{ssh.Port} {File.ReadAllText(_dir.Combine("impostor.pub")).Trim()}\n");

            var result = await CliRunner.RunAsync("bootstrap", "git", "--url", ssh.UrlOf("fleet"), "--private-key-file", ssh.ClientKeyPath,
                "--known-hosts-file", knownHosts, "--path", "clusters/dev", "--silent", "--kubeconfig", _cluster!.Kubeconfig);

            Assert.Equal(1, result.Code);
            Assert.Contains("✗ bootstrap git: ssh://", result.Error, StringComparison.Ordinal);
            Assert.Contains("Host key verification failed", result.Error, StringComparison.Ordinal);
            Assert.Equal("1", Shell.Run(bare, "git", "rev-list", "--count", "main").Trim());
            Assert.Null(await _cluster.GetAsync("v1", "Secret", "flux-system", "flux-system"));
        }
        finally
        {
            await ssh.DisposeAsync();
        }
    }

    // The repository already holds what the cluster should run: clusters/dev/demo.yaml, a ConfigMap.
    private void Seed(string bare)
    {
        var work = _dir.Combine("seed-" + Guid.NewGuid().ToString("N")[..8]);
        Shell.Run(_dir.Path, "git", "clone", "-q", bare, work);
        Directory.CreateDirectory(Path.Combine(work, "clusters", "dev"));
        File.WriteAllText(Path.Combine(work, "clusters", "dev", "demo.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n  namespace: default\ndata:\n  greeting: hello\n");
        Shell.Run(work, "git", "add", "-A");
        Shell.Run(work, "git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "seed");
        Shell.Run(work, "git", "push", "-q", "origin", "HEAD:refs/heads/main");
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _dir.Dispose();
    }
}
