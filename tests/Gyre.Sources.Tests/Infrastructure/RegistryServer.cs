using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Generators;

namespace Gyre.Sources.Tests.Infrastructure;

/// <summary>
/// Debian's docker-registry (CNCF distribution 2.8) on 127.0.0.1 with a temporary config.yml and storage, optionally
/// with htpasswd basic authentication (bcrypt generated here, since apache2-utils is not installed).
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private Process? _process;

    private RegistryServer()
    {
    }

    public int Port { get; private set; }

    public string Host => $"127.0.0.1:{Port}";

    public static async Task<RegistryServer> StartAsync(string? username = null, string? password = null, TestCertificates? tls = null)
    {
        // The free port is probed then released, so another process can take it first: start again on a new port.
        for (var attempt = 1; ; attempt++)
        {
            var server = new RegistryServer();
            try
            {
                await server.RunAsync(username, password, tls);
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await server.DisposeAsync();
            }
        }
    }

    private async Task RunAsync(string? username, string? password, TestCertificates? tls)
    {
        Port = FreePort();
        var auth = "";
        if (username is not null)
        {
            var hash = OpenBsdBCrypt.Generate(password!.ToCharArray(), RandomNumberGenerator.GetBytes(16), 5);
            File.WriteAllText(_dir.Combine("htpasswd"), $"{username}:{hash}\n");
            auth = $"auth:\n  htpasswd:\n    realm: gyre-test\n    path: {_dir.Combine("htpasswd")}\n";
        }

        var tlsConfig = "";
        if (tls is not null)
        {
            File.WriteAllText(_dir.Combine("tls.crt"), tls.ServerCertificatePem);
            File.WriteAllText(_dir.Combine("tls.key"), tls.ServerKeyPem);
            tlsConfig = $"  tls:\n    certificate: {_dir.Combine("tls.crt")}\n    key: {_dir.Combine("tls.key")}\n";
        }

        File.WriteAllText(_dir.Combine("config.yml"),
            $"version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: {_dir.Combine("data")}\n" +
            $"  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{Port}\n{tlsConfig}{auth}");
        var start = new ProcessStartInfo("docker-registry") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(_dir.Combine("config.yml"));
        _process = Process.Start(start)!;
        _ = _process.StandardError.ReadToEndAsync();
        _ = _process.StandardOutput.ReadToEndAsync();
        await PortWait.ForAsync(Port, _process);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }
}
