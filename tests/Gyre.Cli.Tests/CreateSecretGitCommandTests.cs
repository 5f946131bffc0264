using Gyre.Cli.Tests.Support;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Cli.Tests;

/// <summary>
/// `gyre create secret git` over SSH, judged by OpenSSH: ssh-keygen derives the same public key from the private key
/// Gyre wrote, ssh-keyscan reports the host key Gyre recorded, and git clones through sshd with the generated key.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CreateSecretGitCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Theory]
    [InlineData("ecdsa", new string[0], "ecdsa-sha2-nistp384")]
    [InlineData("rsa", new[] { "--ssh-key-algorithm", "rsa", "--ssh-rsa-bits", "3072" }, "ssh-rsa")]
    [InlineData("ed25519", new[] { "--ssh-key-algorithm", "ed25519" }, "ssh-ed25519")]
    [InlineData("ecdsa", new[] { "--ssh-ecdsa-curve", "p521" }, "ecdsa-sha2-nistp521")]
    public async Task A_generated_deploy_key_is_an_OpenSSH_key_whose_host_key_matches_ssh_keyscan_and_that_clones_through_sshd(string hostKeyType, string[] flags, string keyType)
    {
        var ssh = SshServer.WithHostKey(hostKeyType);
        await ssh.InitializeAsync();
        try
        {
            var bare = ssh.CreateRepository("app");
            Seed(bare);

            var (code, output, error) = await CliRunner.RunAsync(["create", "secret", "git", "app-auth", "--url", ssh.UrlOf("app"), "--export", .. flags]);

            Assert.True(code == 0, error);
            var data = ExportedSecret.StringData(output);
            Assert.Equal(["identity", "identity.pub", "known_hosts"], data.Keys);
            Assert.StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n", data["identity"], StringComparison.Ordinal);
            Assert.StartsWith(keyType + " ", data["identity.pub"], StringComparison.Ordinal);
            var identity = _dir.Combine("identity-" + keyType);
            File.WriteAllText(identity, data["identity"]);
            File.SetUnixFileMode(identity, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Assert.Equal(data["identity.pub"].Trim(), Shell.Run(_dir.Path, "ssh-keygen", "-y", "-f", identity).Trim());
            var scanned = Shell.Run(_dir.Path, "ssh-keyscan", "-p", ssh.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", hostKeyType, "127.0.0.1");
            Assert.Equal(scanned.Trim(), data["known_hosts"].Trim());
            Assert.Equal($"[127.0.0.1]:{ssh.Port} {string.Join(' ', ssh.HostPublicKey.Split(' ')[..2])}\n", data["known_hosts"]);

            File.AppendAllText(ssh.AuthorizedKeysPath, data["identity.pub"]);
            var knownHosts = _dir.Combine("known_hosts-" + keyType);
            File.WriteAllText(knownHosts, data["known_hosts"]);
            var clone = _dir.Combine("clone-" + keyType);
            Shell.Run(_dir.Path, new Dictionary<string, string>
            {
                ["GIT_SSH_COMMAND"] = $"ssh -F /dev/null -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile={knownHosts} -i {identity}",
            }, "git", "clone", "-q", ssh.UrlOf("app"), clone);
            Assert.Equal("hello\n", File.ReadAllText(Path.Combine(clone, "README")));
        }
        finally
        {
            await ssh.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_passphrase_protected_private_key_file_is_stored_with_its_public_key_and_the_passphrase()
    {
        var ssh = new SshServer();
        await ssh.InitializeAsync();
        try
        {
            var (code, output, error) = await CliRunner.RunAsync("create", "secret", "git", "app-auth", "--url", ssh.UrlOf("app"),
                "--private-key-file", ssh.EncryptedClientKeyPath, "--password", SshServer.Passphrase, "--export");

            Assert.True(code == 0, error);
            var data = ExportedSecret.StringData(output);
            Assert.Equal(["identity", "identity.pub", "known_hosts", "password"], data.Keys);
            Assert.Equal(File.ReadAllText(ssh.EncryptedClientKeyPath), data["identity"]);
            Assert.Equal(string.Join(' ', File.ReadAllText(ssh.EncryptedClientKeyPath + ".pub").Split(' ')[..2]).Trim(), data["identity.pub"].Trim());
            Assert.Equal(SshServer.Passphrase, data["password"]);

            var missing = await CliRunner.RunAsync("create", "secret", "git", "app-auth", "--url", ssh.UrlOf("app"), "--private-key-file", ssh.EncryptedClientKeyPath, "--export");
            Assert.Equal(2, missing.Code);
            Assert.Contains("--private-key-file " + ssh.EncryptedClientKeyPath + ": the key is encrypted; pass its passphrase with --password", missing.Error, StringComparison.Ordinal);
        }
        finally
        {
            await ssh.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_PEM_private_key_file_gets_the_public_key_ssh_keygen_derives()
    {
        var key = _dir.Combine("pem.key");
        Shell.Run(_dir.Path, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key);
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var ssh = new SshServer();
        await ssh.InitializeAsync();
        try
        {
            var (code, output, error) = await CliRunner.RunAsync("create", "secret", "git", "pem", "--url", ssh.UrlOf("app"), "--private-key-file", key, "--export");

            Assert.True(code == 0, error);
            Assert.Equal(Shell.Run(_dir.Path, "ssh-keygen", "-y", "-f", key).Trim(), ExportedSecret.StringData(output)["identity.pub"].Trim());
        }
        finally
        {
            await ssh.DisposeAsync();
        }
    }

    [Fact]
    public async Task Basic_auth_is_exported_as_flux_prints_it()
    {
        var ca = _dir.Combine("ca.crt");
        File.WriteAllText(ca, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

        var (code, output, error) = await CliRunner.RunAsync("create", "secret", "git", "podinfo-auth", "--url", "https://github.com/stefanprodan/podinfo",
            "--username", "user", "--password", "pass", "--ca-crt-file", ca, "--label", "team=a", "--export");

        Assert.True(code == 0, error);
        Assert.Equal("""
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              labels:
                team: a
              name: podinfo-auth
              namespace: flux-system
            stringData:
              ca.crt: |
                -----BEGIN CERTIFICATE-----
                MIIB
                -----END CERTIFICATE-----
              password: pass
              username: user

            """.ReplaceLineEndings("\n"), output);
    }

    [Theory]
    [InlineData(new[] { "--url", "https://example.com/repo" }, "for Git over HTTP/S pass --username and --password, or --bearer-token")]
    [InlineData(new[] { "--url", "https://example.com/repo", "--username", "u", "--bearer-token", "t" }, "--username and --bearer-token cannot be used together")]
    [InlineData(new[] { "--url", "ftp://example.com/repo", "--username", "u" }, "Git URL scheme 'ftp' is not supported; use ssh, http or https")]
    [InlineData(new[] { "--url", "ssh://git@127.0.0.1/repo", "--ssh-key-algorithm", "dsa" }, "--ssh-key-algorithm 'dsa': unsupported; use rsa, ecdsa or ed25519")]
    [InlineData(new[] { "--url", "ssh://git@127.0.0.1/repo", "--ssh-key-algorithm", "rsa", "--ssh-rsa-bits", "1000" }, "--ssh-rsa-bits 1000: must be a multiple of 8")]
    [InlineData(new[] { "--url", "ssh://git@127.0.0.1/repo", "--private-key-file", "/nonexistent/key" }, "--private-key-file /nonexistent/key: cannot read it")]
    [InlineData(new[] { "--url", "https://example.com/repo", "--bearer-token", "t", "--ca-crt-file", "/nonexistent/ca" }, "--ca-crt-file /nonexistent/ca: cannot read it")]
    public async Task Wrong_flags_are_usage_errors_naming_the_flag(string[] flags, string message)
    {
        var (code, _, error) = await CliRunner.RunAsync(["create", "secret", "git", "x", "--export", .. flags]);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_that_does_not_speak_SSH_fails_the_scan_with_the_reason()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync();
            await socket.GetStream().WriteAsync("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray());
        });

        var (code, _, error) = await CliRunner.RunAsync("create", "secret", "git", "x", "--url", $"ssh://git@127.0.0.1:{port}/repo", "--export");
        await server;

        Assert.Equal(1, code);
        Assert.Contains($"scanning the SSH host key of 127.0.0.1:{port}: ", error, StringComparison.Ordinal);
    }

    private void Seed(string bare)
    {
        var work = _dir.Combine("seed-" + Guid.NewGuid().ToString("N")[..8]);
        Shell.Run(_dir.Path, "git", "clone", "-q", bare, work);
        File.WriteAllText(Path.Combine(work, "README"), "hello\n");
        Shell.Run(work, "git", "add", "-A");
        Shell.Run(work, "git", "commit", "-q", "-m", "seed");
        Shell.Run(work, "git", "push", "-q", "origin", "HEAD:refs/heads/main");
    }

    public void Dispose() => _dir.Dispose();
}
