using System.Text;

namespace Gyre.Sources.Git;

/// <summary>
/// Turns a URL and <see cref="GitCredentials"/> into the environment git runs with. Nothing secret is put in argv:
/// HTTP credentials become an <c>http.extraHeader</c> passed through <c>GIT_CONFIG_*</c> variables, SSH uses a key
/// file with host keys always verified (<c>StrictHostKeyChecking=yes</c> against the Secret's known_hosts only), and
/// a key passphrase reaches ssh through an askpass program reading an environment variable.
/// </summary>
internal static class GitAuthentication
{
    private const string PassphraseVariable = "GYRE_SSH_KEY_PASSPHRASE";

    private const string UsernameVariable = "GYRE_GIT_USERNAME";

    private const string PasswordVariable = "GYRE_GIT_PASSWORD";

    // git asks "Username for '<url>': " then "Password for '<url>': "; answers come from this process's environment.
    private static readonly byte[] GitAskPassScript = Encoding.UTF8.GetBytes(
        "#!/bin/sh\ncase \"$1\" in Username*) printf '%s\\n' \"$" + UsernameVariable + "\" ;; *) printf '%s\\n' \"$" + PasswordVariable + "\" ;; esac\n");

    private static readonly byte[] AskPassScript = Encoding.UTF8.GetBytes("#!/bin/sh\nprintf '%s\\n' \"$" + PassphraseVariable + "\"\n");

    /// <summary>Validates the URL (scheme, no embedded password, http only when allowed) and builds the environment.</summary>
    public static GitEnvironment Prepare(
        Uri url, string location, GitCredentials? credentials, GitProxy? proxy, bool allowInsecureHttp, SecretFileCache files)
    {
        var environment = new GitEnvironment();
        if (proxy is not null)
        {
            if (url.Scheme is not ("http" or "https"))
            {
                throw new SourceException(location, "configuring the proxy", "proxySecretRef applies to http(s) URLs only, not ssh",
                    SourceReasons.UrlInvalid);
            }

            // The proxy URL carries its credentials; it travels in GIT_CONFIG_VALUE_n, never argv, and is masked in output.
            environment.Config("http.proxy", proxy.ConfigValue(location));
            if (proxy.Password is { } proxyPassword)
            {
                environment.Secret(proxyPassword).Secret(Uri.EscapeDataString(proxyPassword));
            }
        }

        switch (url.Scheme)
        {
            case "https":
                environment.Variable("GIT_ALLOW_PROTOCOL", "https");
                ConfigureHttp(environment, credentials, files);
                break;
            case "http" when allowInsecureHttp:
                environment.Variable("GIT_ALLOW_PROTOCOL", "http:https");
                ConfigureHttp(environment, credentials, files);
                break;
            case "http":
                throw new SourceException(location, "refusing the URL", "plain http is not allowed; use https, or allow insecure HTTP explicitly",
                    SourceReasons.InsecureConnectionsDisallowed);
            case "ssh":
                environment.Variable("GIT_ALLOW_PROTOCOL", "ssh");
                ConfigureSsh(environment, location, credentials, files);
                break;
            default:
                throw new SourceException(location, "invalid URL", $"scheme '{url.Scheme}' is not supported; use https://, http:// or ssh://",
                    SourceReasons.UrlInvalid);
        }

        return environment;
    }

    private static void ConfigureHttp(GitEnvironment environment, GitCredentials? credentials, SecretFileCache files)
    {
        if (credentials?.CaCertificate is { } ca)
        {
            environment.Config("http.sslCAInfo", files.Materialize("ca.crt", ca));
        }

        if (credentials?.TlsCertificate is { Length: > 0 } certificate && credentials.TlsKey is { Length: > 0 } key)
        {
            environment.Config("http.sslCert", files.Materialize("tls.crt", certificate))
                .Config("http.sslKey", files.Materialize("tls.key", key));
        }

        if (credentials?.BearerToken is { Length: > 0 } token)
        {
            environment.Config("http.extraHeader", "Authorization: Bearer " + token).Secret(token);
        }
        else if (credentials?.Username is { Length: > 0 } user)
        {
            var password = credentials.Password ?? "";
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
            // The header authenticates the first request (one round trip); if the server still answers 401, git asks
            // GIT_ASKPASS, retries once, and then reports "Authentication failed" rather than a prompt error.
            environment.Config("http.extraHeader", "Authorization: Basic " + basic).Secret(basic).Secret(password)
                .Variable("GIT_ASKPASS", files.Materialize("git-askpass.sh", GitAskPassScript, executable: true))
                .Variable(UsernameVariable, user)
                .Variable(PasswordVariable, password);
        }
    }

    private static void ConfigureSsh(GitEnvironment environment, string location, GitCredentials? credentials, SecretFileCache files)
    {
        if (credentials?.KnownHosts is not { Length: > 0 } knownHosts)
        {
            throw new SourceException(location, "SSH authentication", "the Secret has no 'known_hosts'; host keys are always verified, so add the server's known_hosts entry",
                SourceReasons.AuthenticationFailed);
        }

        var command = new StringBuilder("ssh -F /dev/null -o StrictHostKeyChecking=yes -o GlobalKnownHostsFile=/dev/null -o UpdateHostKeys=no");
        command.Append(" -o UserKnownHostsFile=").Append(Quote(files.Materialize("known_hosts", knownHosts)));
        if (credentials.Identity is { Length: > 0 } identity)
        {
            command.Append(" -o IdentitiesOnly=yes -o PasswordAuthentication=no -o KbdInteractiveAuthentication=no");
            command.Append(" -i ").Append(Quote(files.Materialize("identity", identity)));
        }

        if (credentials.Password is { Length: > 0 } passphrase)
        {
            // ssh reads the passphrase from SSH_ASKPASS only; the script echoes it from this process's environment.
            environment.Variable("SSH_ASKPASS", files.Materialize("askpass.sh", AskPassScript, executable: true))
                .Variable("SSH_ASKPASS_REQUIRE", "force")
                .Variable("DISPLAY", "none")
                .Variable(PassphraseVariable, passphrase)
                .Secret(passphrase);
        }
        else
        {
            command.Append(" -o BatchMode=yes");
        }

        environment.Variable("GIT_SSH_COMMAND", command.ToString()).Variable("GIT_SSH_VARIANT", "ssh");
    }

    // GIT_SSH_COMMAND goes through sh; the only interpolated values are our own cache paths, quoted anyway.
    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
