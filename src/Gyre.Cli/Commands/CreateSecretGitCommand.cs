using System.CommandLine;
using Gyre.Cli.Flux;
using Gyre.Cli.Output;
using Gyre.Cli.Secrets;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre create secret git`, as flux's: for ssh:// a deploy key (generated, or --private-key-file) plus the host key
/// scanned into known_hosts; for http(s):// basic auth or a bearer token; --ca-crt-file adds ca.crt.
/// </summary>
internal static class CreateSecretGitCommand
{
    private static readonly TimeSpan ScanTimeout = TimeSpan.FromSeconds(30);

    public static Command Create(CliConsole console)
    {
        var url = new Option<string>("--url") { Description = "Git address, e.g. ssh://git@host/org/repository", Required = true };
        var username = new Option<string?>("--username", "-u") { Description = "Basic authentication username" };
        var password = new Option<string?>("--password", "-p") { Description = "Basic authentication password, or the passphrase of --private-key-file" };
        var bearer = new Option<string?>("--bearer-token") { Description = "Bearer token for HTTP/S authentication" };
        var algorithm = new Option<string>("--ssh-key-algorithm") { Description = "SSH public key algorithm (rsa, ecdsa, ed25519)", DefaultValueFactory = _ => "ecdsa" };
        var rsaBits = new Option<int>("--ssh-rsa-bits") { Description = "SSH RSA public key bit size (multiples of 8, min 1024)", DefaultValueFactory = _ => 2048 };
        var curve = new Option<string>("--ssh-ecdsa-curve") { Description = "SSH ECDSA public key curve (p256, p384, p521)", DefaultValueFactory = _ => "p384" };
        var ca = new Option<string?>("--ca-crt-file", "--ca-file") { Description = "Path to a TLS CA certificate file for HTTPS" };
        var privateKey = new Option<string?>("--private-key-file") { Description = "Path to a private key file used for authenticating to the Git SSH server" };
        var command = new Command("git", """
            Create or update a Kubernetes Secret for Git authentication, as `flux create secret git`

            For ssh:// URLs a deploy key is generated (or read from --private-key-file) and the server's host key is scanned
            into known_hosts; for http(s):// URLs the basic authentication credentials or the bearer token are stored.

            Examples:
              gyre create secret git podinfo-auth --url=ssh://git@github.com/stefanprodan/podinfo --ssh-key-algorithm=ecdsa --ssh-ecdsa-curve=p521
              gyre create secret git podinfo-auth --url=ssh://git@github.com/stefanprodan/podinfo --private-key-file=./private.key
              gyre create secret git podinfo-auth --url=https://github.com/stefanprodan/podinfo --username=username --password=password --export
            """)
        {
            url, username, password, bearer, algorithm, rsaBits, curve, ca, privateKey,
        };
        var options = CreateOptions.AddTo(command, interval: false);
        command.SetAction(async (parse, cancellationToken) =>
        {
            const string where = "create secret git";
            var text = parse.GetValue(url)!;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                throw new CommandException($"{where}: --url '{text}': not a URL (for scp-like git@host:repo write ssh://git@host/repo)", ExitCodes.Usage);
            }

            var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (parse.GetValue(ca) is { } caFile)
            {
                values["ca.crt"] = await SecretFiles.ReadTextAsync(caFile, "--ca-crt-file", where, cancellationToken).ConfigureAwait(false);
            }

            switch (uri.Scheme)
            {
                case "ssh":
                    var progress = new Progress(console);
                    if (parse.GetValue(privateKey) is { } keyFile)
                    {
                        var (identity, publicLine) = await SshPrivateKeyFile.ReadAsync(keyFile, parse.GetValue(password), where, cancellationToken).ConfigureAwait(false);
                        values["identity"] = System.Text.Encoding.UTF8.GetString(identity);
                        values["identity.pub"] = publicLine;
                    }
                    else
                    {
                        var pair = SshKeyPair.Generate(Algorithm(parse.GetValue(algorithm)!), RsaBits(parse.GetValue(rsaBits)), Curve(parse.GetValue(curve)!));
                        values["identity"] = pair.PrivateKeyPem;
                        values["identity.pub"] = pair.PublicKeyLine;
                    }

                    if (parse.GetValue(password) is { Length: > 0 } passphrase)
                    {
                        values["password"] = passphrase;
                    }

                    var port = uri.Port is -1 ? 22 : uri.Port;
                    values["known_hosts"] = await SshHostKeyScanner.ScanAsync(uri.DnsSafeHost, port, ScanTimeout, cancellationToken).ConfigureAwait(false);
                    var secret = SecretManifest.Build(parse, options, values, null);
                    if (!parse.GetValue(options.Export))
                    {
                        progress.Generate("deploy key: " + values["identity.pub"].TrimEnd());
                    }

                    return await SecretManifest.ExportOrApplyAsync(parse, console, options, "git", secret, cancellationToken).ConfigureAwait(false);
                case "http" or "https":
                    var (user, pass, token) = (parse.GetValue(username), parse.GetValue(password), parse.GetValue(bearer));
                    if (!string.IsNullOrEmpty(user) && !string.IsNullOrEmpty(token))
                    {
                        throw new CommandException($"{where}: --username and --bearer-token cannot be used together; use one", ExitCodes.Usage);
                    }

                    if ((string.IsNullOrEmpty(user) || string.IsNullOrEmpty(pass)) && string.IsNullOrEmpty(token))
                    {
                        throw new CommandException($"{where}: for Git over HTTP/S pass --username and --password, or --bearer-token", ExitCodes.Usage);
                    }

                    if (!string.IsNullOrEmpty(token))
                    {
                        values["bearerToken"] = token;
                    }
                    else
                    {
                        values["username"] = user!;
                        values["password"] = pass!;
                    }

                    return await SecretManifest.ExportOrApplyAsync(parse, console, options, "git", SecretManifest.Build(parse, options, values, null), cancellationToken).ConfigureAwait(false);
                default:
                    throw new CommandException($"{where}: --url: Git URL scheme '{uri.Scheme}' is not supported; use ssh, http or https", ExitCodes.Usage);
            }
        });
        return command;
    }

    internal static SshKeyAlgorithm Algorithm(string value) => value.ToLowerInvariant() switch
    {
        "ecdsa" => SshKeyAlgorithm.Ecdsa,
        "rsa" => SshKeyAlgorithm.Rsa,
        "ed25519" => SshKeyAlgorithm.Ed25519,
        _ => throw new CommandException($"--ssh-key-algorithm '{value}': unsupported; use rsa, ecdsa or ed25519", ExitCodes.Usage),
    };

    internal static int RsaBits(int bits) => bits is >= 1024 and <= 16384 && bits % 8 == 0
        ? bits
        : throw new CommandException($"--ssh-rsa-bits {bits}: must be a multiple of 8 between 1024 and 16384", ExitCodes.Usage);

    internal static string Curve(string value) => value.ToLowerInvariant() is "p256" or "p384" or "p521"
        ? value.ToLowerInvariant()
        : throw new CommandException($"--ssh-ecdsa-curve '{value}': unsupported; use p256, p384 or p521", ExitCodes.Usage);
}
