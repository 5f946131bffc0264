using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gyre.Cli.Tests.Support;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Cli.Tests;

/// <summary>
/// `gyre bootstrap git` over SSH without --private-key-file: Gyre generates the deploy key, prints it and waits; the
/// test plays the user, authorizing the printed key on sshd before answering the prompt on stdin.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class BootstrapDeployKeyTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly SshServer _ssh = new();
    private BootstrapCluster? _cluster;

    public async Task InitializeAsync()
    {
        await _ssh.InitializeAsync();
        _cluster = await BootstrapCluster.StartAsync(_dir.Combine("k8s"));
    }

    [Fact]
    public async Task A_generated_key_is_printed_authorized_at_the_prompt_stored_in_the_Secret_and_reused_by_the_next_run()
    {
        var bare = _ssh.CreateRepository("fleet");
        var knownHosts = _dir.Combine("known_hosts");
        await File.WriteAllTextAsync(knownHosts, _ssh.KnownHosts);
        string[] args = ["bootstrap", "git", "--url", _ssh.UrlOf("fleet"), "--known-hosts-file", knownHosts, "--path", "clusters/dev",
            "--kubeconfig", _cluster!.Kubeconfig, "--timeout", "2m"];
        var error = new StringWriter();
        var user = new AuthorizingUser(error, _ssh.AuthorizedKeysPath);

        var code = await GyreApp.RunAsync(args, new CliConsole(new StringWriter(), TextWriter.Synchronized(error), user), CancellationToken.None);

        Assert.True(code == 0, error.ToString());
        Assert.Equal(1, user.Questions);
        Assert.Contains("Please give the key access to your repository", error.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("ecdsa-sha2-nistp384 ", user.AuthorizedKey, StringComparison.Ordinal);
        var secret = await _cluster.GetAsync("v1", "Secret", "flux-system", "flux-system");
        var data = (JsonObject)secret!["data"]!;
        Assert.Equal(["identity", "identity.pub", "known_hosts"], data.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(user.AuthorizedKey, Decode(data["identity.pub"]).Trim());
        Assert.Equal(_ssh.KnownHosts, Decode(data["known_hosts"]));
        var identity = _dir.Combine("identity");
        await File.WriteAllTextAsync(identity, Decode(data["identity"]));
        File.SetUnixFileMode(identity, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(user.AuthorizedKey, Shell.Run(_dir.Path, "ssh-keygen", "-y", "-f", identity).Trim());
        Assert.Contains("✔ bootstrap finished", error.ToString(), StringComparison.Ordinal);
        var commits = Shell.Run(bare, "git", "rev-list", "--count", "main");

        var again = await CliRunner.RunAsync(args); // stdin at end of input: no question may be asked

        Assert.True(again.Code == 0, again.Error);
        Assert.Contains("✔ using the deploy key of the existing source secret", again.Error, StringComparison.Ordinal);
        Assert.Equal(commits, Shell.Run(bare, "git", "rev-list", "--count", "main"));
        Assert.Equal(Decode(data["identity"]), Decode((await _cluster.GetAsync("v1", "Secret", "flux-system", "flux-system"))!["data"]!["identity"]));
    }

    [Fact]
    public async Task Without_an_interactive_stdin_or_silent_it_stops_before_changing_anything()
    {
        var bare = _ssh.CreateRepository("fleet");
        var knownHosts = _dir.Combine("known_hosts");
        await File.WriteAllTextAsync(knownHosts, _ssh.KnownHosts);

        var result = await CliRunner.RunAsync("bootstrap", "git", "--url", _ssh.UrlOf("fleet"), "--known-hosts-file", knownHosts,
            "--ssh-key-algorithm", "ed25519", "--kubeconfig", _cluster!.Kubeconfig);

        Assert.Equal(1, result.Code);
        Assert.Contains("✔ public key: ssh-ed25519 ", result.Error, StringComparison.Ordinal);
        Assert.Contains("stdin is not interactive (end of input); give the key shown above access to the repository, then rerun with --silent", result.Error, StringComparison.Ordinal);
        Assert.Empty(Shell.Run(bare, "git", "for-each-ref").Trim());
        Assert.Null(await _cluster.GetAsync("v1", "Secret", "flux-system", "flux-system"));
    }

    private static string Decode(JsonNode? value) => Encoding.UTF8.GetString(Convert.FromBase64String((string)value!));

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await _ssh.DisposeAsync();
        _dir.Dispose();
    }

    [GeneratedRegex("public key: (.+)\n")]
    private static partial Regex PublicKeyLine();

    /// <summary>stdin of a user who, when asked, adds the key the CLI printed to the server's authorized_keys, then says yes.</summary>
    private sealed class AuthorizingUser(StringWriter error, string authorizedKeys) : TextReader
    {
        public int Questions { get; private set; }

        public string AuthorizedKey { get; private set; } = "";

        public override string? ReadLine()
        {
            Questions++;
            string printed;
            lock (error)
            {
                printed = error.ToString();
            }

            AuthorizedKey = PublicKeyLine().Match(printed).Groups[1].Value.Trim();
            File.AppendAllText(authorizedKeys, AuthorizedKey + "\n");
            return "y";
        }

        public override Task<string?> ReadLineAsync() => Task.FromResult(ReadLine());

        public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) => ValueTask.FromResult(ReadLine());
    }
}
