using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Kube.Config;

namespace Gyre.Kube.Auth;

/// <summary>
/// Runs a kubeconfig <c>exec</c> credential plugin and caches its answer until <c>expirationTimestamp</c> or until
/// the server answers 401 (client-go <c>plugin/pkg/client/auth/exec</c>). Never interactive: stdin is closed.
/// </summary>
internal sealed class ExecCredentialPlugin(ExecConfig config, KubeConnection cluster, TimeProvider timeProvider) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ExecCredential? _cached;

    public async Task<ExecCredential> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } c && (c.ExpirationTimestamp is null || c.ExpirationTimestamp > timeProvider.GetUtcNow()))
            {
                return c;
            }

            _cached = await RunAsync(cancellationToken).ConfigureAwait(false);
            return _cached;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the cached credential after the server rejected it, so the next request runs the plugin.</summary>
    /// <summary>The credential new requests get, or null when it must be fetched again.</summary>
    public ExecCredential? Current => Volatile.Read(ref _cached);

    public void Invalidate(ExecCredential rejected)
    {
        Interlocked.CompareExchange(ref _cached, null, rejected);
    }

    private async Task<ExecCredential> RunAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(config.Command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in config.Args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in config.Env)
        {
            start.Environment[name] = value;
        }

        start.Environment["KUBERNETES_EXEC_INFO"] = ExecInfo();
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            var hint = string.IsNullOrEmpty(config.InstallHint) ? "install it or fix exec.command in the kubeconfig" : config.InstallHint.Trim();
            throw new KubeConfigException(null, "user.exec.command", $"cannot run credential plugin '{config.Command}': {e.Message}; {hint}", e);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout.ConfigureAwait(false);
        var errors = (await stderr.ConfigureAwait(false)).Trim();
        if (process.ExitCode != 0)
        {
            // The plugin's stderr is what kubectl shows the user too; stdout may hold a credential and is never shown.
            var detail = errors.Length == 0 ? string.Empty : ": " + (errors.Length > 300 ? errors[..300] + "..." : errors);
            throw new KubeConfigException(null, "user.exec", $"credential plugin '{config.Command}' exited with code {process.ExitCode}{detail}");
        }

        return Parse(output);
    }

    private ExecCredential Parse(string output)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(output) as JsonObject;
        }
        catch (JsonException e)
        {
            throw new KubeConfigException(null, "user.exec", $"credential plugin '{config.Command}' did not print an ExecCredential JSON object", e);
        }

        var apiVersion = (string?)root?["apiVersion"];
        if (root is null || (string?)root["kind"] != "ExecCredential" || apiVersion != config.ApiVersion)
        {
            throw new KubeConfigException(null, "user.exec",
                $"credential plugin '{config.Command}' printed apiVersion '{apiVersion}', kind '{(string?)root?["kind"]}'; expected kind ExecCredential, apiVersion {config.ApiVersion}");
        }

        var status = root["status"] as JsonObject;
        var credential = new ExecCredential
        {
            Token = (string?)status?["token"],
            ClientCertificatePem = (string?)status?["clientCertificateData"],
            ClientKeyPem = (string?)status?["clientKeyData"],
            ExpirationTimestamp = ParseTime((string?)status?["expirationTimestamp"]),
        };
        if (string.IsNullOrEmpty(credential.Token) && (string.IsNullOrEmpty(credential.ClientCertificatePem) || string.IsNullOrEmpty(credential.ClientKeyPem)))
        {
            throw new KubeConfigException(null, "user.exec",
                $"credential plugin '{config.Command}' returned neither status.token nor status.clientCertificateData and status.clientKeyData");
        }

        return credential;
    }

    private DateTimeOffset? ParseTime(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            throw new KubeConfigException(null, "user.exec", $"credential plugin '{config.Command}' returned an expirationTimestamp that is not RFC 3339: '{text}'");
        }

        return time;
    }

    private string ExecInfo()
    {
        var spec = new JsonObject { ["interactive"] = false };
        if (config.ProvideClusterInfo)
        {
            var clusterInfo = new JsonObject { ["server"] = cluster.Server.ToString() };
            if (cluster.TlsServerName is not null)
            {
                clusterInfo["tls-server-name"] = cluster.TlsServerName;
            }

            if (cluster.InsecureSkipTlsVerify)
            {
                clusterInfo["insecure-skip-tls-verify"] = true;
            }

            if (cluster.CertificateAuthorityPem is not null)
            {
                clusterInfo["certificate-authority-data"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(cluster.CertificateAuthorityPem));
            }

            if (cluster.ProxyUrl is not null)
            {
                clusterInfo["proxy-url"] = cluster.ProxyUrl.ToString();
            }

            spec["cluster"] = clusterInfo;
        }

        return new JsonObject { ["apiVersion"] = config.ApiVersion, ["kind"] = "ExecCredential", ["spec"] = spec }.ToJsonString();
    }

    public void Dispose() => _gate.Dispose();
}
