using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gyre.Sources.Tests.Infrastructure;

/// <summary>
/// Debian's OpenSSH server on 127.0.0.1 with a throw-away host key, key-only authentication and a temporary config,
/// so git can fetch bare repositories over ssh:// as it would from a real Git host.
/// </summary>
public sealed class SshServer : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly string _hostKeyType;
    private Process? _sshd;

    /// <summary>A server with an ed25519 host key; its only public constructor, as xunit requires of a class fixture.</summary>
    public SshServer()
        : this("ed25519")
    {
    }

    private SshServer(string hostKeyType) => _hostKeyType = hostKeyType;

    /// <summary>A server whose host key is of <paramref name="hostKeyType"/> (ssh-keygen -t: ed25519, ecdsa, rsa).</summary>
    public static SshServer WithHostKey(string hostKeyType) => new(hostKeyType);

    /// <summary>The authorized_keys sshd reads at every login; tests may append keys to it.</summary>
    public string AuthorizedKeysPath => _dir.Combine("authorized_keys");

    public int Port { get; private set; }

    public string HostPublicKey { get; private set; } = "";

    public string ClientKeyPath => _dir.Combine("client_ed25519");

    public string EncryptedClientKeyPath => _dir.Combine("client_encrypted");

    public const string Passphrase = "correct horse battery";

    public string KnownHosts => $"[127.0.0.1]:{Port} {HostPublicKey}\n";

    public string RepositoryRoot => _dir.Combine("repos");

    public string User => Environment.UserName;

    public string UrlOf(string name) => $"ssh://{User}@127.0.0.1:{Port}{RepositoryRoot}/{name}.git";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(RepositoryRoot);
        Shell.Run(_dir.Path, "ssh-keygen", "-q", "-t", _hostKeyType, "-N", "", "-f", _dir.Combine("host_key"));
        Shell.Run(_dir.Path, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", ClientKeyPath);
        Shell.Run(_dir.Path, "ssh-keygen", "-q", "-t", "ed25519", "-N", Passphrase, "-f", EncryptedClientKeyPath);
        HostPublicKey = File.ReadAllText(_dir.Combine("host_key.pub")).Trim();
        File.WriteAllText(_dir.Combine("authorized_keys"),
            File.ReadAllText(ClientKeyPath + ".pub") + File.ReadAllText(EncryptedClientKeyPath + ".pub"));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartSshdAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // The probed port was taken before sshd bound it: try another.
                _sshd?.Dispose();
            }
        }
    }

    private async Task StartSshdAsync()
    {
        Port = FreePort();
        File.WriteAllText(_dir.Combine("sshd_config"), string.Join('\n',
            $"Port {Port}", "ListenAddress 127.0.0.1", $"HostKey {_dir.Combine("host_key")}",
            $"AuthorizedKeysFile {_dir.Combine("authorized_keys")}", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
            "PubkeyAuthentication yes", "UsePAM no", "StrictModes no", "PermitRootLogin prohibit-password", "PidFile none",
            "LogLevel ERROR", ""));
        if (Environment.UserName == "root")
        {
            Directory.CreateDirectory("/run/sshd"); // privilege separation directory the Debian service normally creates
        }

        var start = new ProcessStartInfo("/usr/sbin/sshd") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-D", "-e", "-f", _dir.Combine("sshd_config") })
        {
            start.ArgumentList.Add(arg);
        }

        _sshd = Process.Start(start)!;
        _ = _sshd.StandardError.ReadToEndAsync();
        _ = _sshd.StandardOutput.ReadToEndAsync();
        await WaitForPortAsync();
    }

    public string CreateRepository(string name)
    {
        Shell.Run(RepositoryRoot, "git", "init", "-q", "--bare", "--initial-branch=main", name + ".git");
        return Path.Combine(RepositoryRoot, name + ".git");
    }

    private async Task WaitForPortAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (_sshd!.HasExited)
            {
                throw new InvalidOperationException($"sshd exited with {_sshd.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Task DisposeAsync()
    {
        if (_sshd is { HasExited: false })
        {
            _sshd.Kill(entireProcessTree: true);
            _sshd.WaitForExit(5000);
        }

        _sshd?.Dispose();
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
