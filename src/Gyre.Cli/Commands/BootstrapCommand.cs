using System.CommandLine;
using Gyre.Cli.Bootstrap;
using Gyre.Cli.Flux;
using Gyre.Cli.Install;
using Gyre.Cli.Output;

namespace Gyre.Cli.Commands;

/// <summary>`gyre bootstrap git`: as `flux bootstrap git`, commits the components and sync manifests to a Git repository, installs and syncs.</summary>
internal static class BootstrapCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("bootstrap", """
            Deploy Gyre on a cluster the GitOps way: commit its manifests to a Git repository, then install and sync from it

            Examples:
              gyre bootstrap git --url=ssh://git@example.com/fleet.git --private-key-file=~/.ssh/id_ed25519 --path=clusters/my-cluster
            """);
        command.Subcommands.Add(Git(console));
        return command;
    }

    private static Command Git(CliConsole console)
    {
        var url = new Option<string>("--url") { Description = "Git repository URL (https:// or ssh://)", Required = true };
        var branch = new Option<string>("--branch") { Description = "Git branch", DefaultValueFactory = _ => "main" };
        var path = new Option<string>("--path") { Description = "Path in the repository the cluster syncs (manifests go to PATH/flux-system)", DefaultValueFactory = _ => "." };
        var username = new Option<string?>("--username", "-u") { Description = "Basic authentication username (HTTPS)", DefaultValueFactory = _ => "git" };
        var password = new Option<string?>("--password", "-p") { Description = "Basic authentication password (HTTPS) or the private key's passphrase (SSH); default $GIT_PASSWORD" };
        var privateKey = new Option<string?>("--private-key-file") { Description = "Private key with write access to the repository (SSH)" };
        var knownHosts = new Option<string?>("--known-hosts-file") { Description = "known_hosts with the Git host's key (SSH; default: the host's entries in ~/.ssh/known_hosts)" };
        var caFile = new Option<string?>("--ca-file") { Description = "TLS CA file for validating the Git server's certificate" };
        var silent = new Option<bool>("--silent", "-s") { Description = "Assume the deploy key already has access; skip the confirmation" };
        var interval = DurationOption.Create("--interval", "How often the GitRepository fetches", TimeSpan.FromMinutes(1));
        var timeout = DurationOption.Create("--timeout", "How long to wait for the installation and the first sync", TimeSpan.FromMinutes(5));
        var components = InstallCommand.ComponentsOption();
        var extra = InstallCommand.ComponentsExtraOption();
        var image = new Option<string>("--image") { Description = "Controller image repository", DefaultValueFactory = _ => InstallManifests.DefaultImage };
        var version = new Option<string>("--version") { Description = "Controller image tag", DefaultValueFactory = _ => VersionCommand.Current() };
        var authorName = new Option<string>("--author-name") { Description = "Author name for Git commits", DefaultValueFactory = _ => "Gyre" };
        var authorEmail = new Option<string>("--author-email") { Description = "Author email for Git commits", DefaultValueFactory = _ => "gyre@localhost" };
        var appendix = new Option<string?>("--commit-message-appendix") { Description = "Text added to the commit messages, e.g. '[ci skip]'" };
        var insecure = new Option<bool>("--allow-insecure-http") { Description = "Allow cloning and pushing over plain http://" };
        var keyAlgorithm = new Option<string>("--ssh-key-algorithm") { Description = "Deploy key algorithm when no --private-key-file is given (rsa, ecdsa, ed25519)", DefaultValueFactory = _ => "ecdsa" };
        var rsaBits = new Option<int>("--ssh-rsa-bits") { Description = "Deploy key RSA bit size (multiples of 8, min 1024)", DefaultValueFactory = _ => 2048 };
        var curve = new Option<string>("--ssh-ecdsa-curve") { Description = "Deploy key ECDSA curve (p256, p384, p521)", DefaultValueFactory = _ => "p384" };
        var command = new Command("git", """
            Commit Gyre's component and sync manifests to a branch of any Git repository, then install them and sync the cluster from it (as `flux bootstrap git`)

            Idempotent: a second run commits nothing when the manifests are unchanged. SSH host keys are always verified.

            Examples:
              # over SSH with a generated deploy key (printed; give it write access when asked)
              gyre bootstrap git --url=ssh://git@example.com/fleet.git --path=clusters/my-cluster

              # over SSH with a key that can push (the host key must be in ~/.ssh/known_hosts or --known-hosts-file)
              gyre bootstrap git --url=ssh://git@example.com/fleet.git --private-key-file=./deploy-key --path=clusters/my-cluster

              # over HTTPS with a password (or GIT_PASSWORD) and a private CA
              gyre bootstrap git --url=https://git.example.com/fleet.git --username=bot --password=$TOKEN --ca-file=ca.pem --path=clusters/staging
            """)
        {
            url, branch, path, username, password, privateKey, knownHosts, caFile, silent, interval, timeout, components, extra, image, version, authorName, authorEmail, appendix, insecure, keyAlgorithm, rsaBits, curve,
        };
        var cluster = ClusterOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http" or "ssh"))
            {
                throw new CommandException($"bootstrap git: --url {parse.GetValue(url)}: not an https:// or ssh:// URL (for scp-like git@host:repo write ssh://git@host/repo)", ExitCodes.Usage);
            }

            var options = new BootstrapOptions
            {
                Url = uri,
                Branch = parse.GetValue(branch)!,
                Path = NormalizePath(parse.GetValue(path)!),
                Namespace = cluster.NamespaceOf(parse)!,
                Interval = DurationOption.Format(parse.GetValue(interval)),
                Controllers = InstallManifests.ControllersOf(parse.GetValue(components)!, parse.GetValue(extra)!),
                Image = parse.GetValue(image)!,
                Version = parse.GetValue(version)!,
                AuthorName = parse.GetValue(authorName)!,
                AuthorEmail = parse.GetValue(authorEmail)!,
                CommitMessageAppendix = parse.GetValue(appendix),
                AllowInsecureHttp = parse.GetValue(insecure),
                Timeout = parse.GetValue(timeout),
            };
            var isSilent = parse.GetValue(silent);
            async Task<bool> Confirm(string question)
            {
                if (isSilent)
                {
                    return true;
                }

                await console.Error.WriteAsync(question + " [y/N] ").ConfigureAwait(false);
                var answer = (await console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim()
                    ?? throw new CommandException("bootstrap git: the key's access must be confirmed, but stdin is not interactive (end of input); " +
                        "give the key shown above access to the repository, then rerun with --silent");
                return string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) || string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase);
            }

            using var client = await cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            (byte[], byte[])? deployKey = null;
            if (uri.Scheme == "ssh" && parse.GetValue(privateKey) is null)
            {
                // The host key must be known before the user is asked to give a new key access.
                if (parse.GetValue(knownHosts) is { } hostsFile)
                {
                    if (!File.Exists(hostsFile))
                    {
                        throw new CommandException($"bootstrap git: --known-hosts-file {hostsFile}: cannot read it: the file does not exist", ExitCodes.Usage);
                    }
                }
                else
                {
                    await KnownHosts.FromUserFileAsync(uri, cancellationToken).ConfigureAwait(false);
                }

                var pair = Secrets.SshKeyPair.Generate(CreateSecretGitCommand.Algorithm(parse.GetValue(keyAlgorithm)!),
                    CreateSecretGitCommand.RsaBits(parse.GetValue(rsaBits)), CreateSecretGitCommand.Curve(parse.GetValue(curve)!));
                deployKey = await BootstrapDeployKey.ResolveAsync(client, options.Namespace, pair, new Progress(console), Confirm, cancellationToken).ConfigureAwait(false);
            }

            // A generated key has no passphrase: --password (or GIT_PASSWORD) is then not stored as one.
            var secret = deployKey is null ? parse.GetValue(password) ?? Environment.GetEnvironmentVariable("GIT_PASSWORD") : null;
            var credentials = await BootstrapCredentials.ResolveAsync(uri, parse.GetValue(username), secret,
                parse.GetValue(privateKey), parse.GetValue(knownHosts), parse.GetValue(caFile), cancellationToken, deployKey).ConfigureAwait(false);
            return await new BootstrapGitRunner(options, credentials, new Progress(console), Confirm).RunAsync(client, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    // "./clusters/dev/" and "clusters/dev" name the same path; "", "." and "./" the root.
    private static string NormalizePath(string path)
    {
        var trimmed = path.Replace('\\', '/').Trim('/');
        while (trimmed.StartsWith("./", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }

        return trimmed is "" or "." ? "." : trimmed;
    }
}
