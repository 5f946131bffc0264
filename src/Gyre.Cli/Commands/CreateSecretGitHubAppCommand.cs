using System.CommandLine;
using System.Security.Cryptography;
using Gyre.Cli.Flux;
using Gyre.Cli.Secrets;

namespace Gyre.Cli.Commands;

/// <summary>`gyre create secret githubapp`: GitHub App credentials for GitRepository provider github, keyed as flux's.</summary>
internal static class CreateSecretGitHubAppCommand
{
    public static Command Create(CliConsole console)
    {
        var appId = new Option<string>("--app-id") { Description = "GitHub App ID", Required = true };
        var installationId = new Option<string?>("--app-installation-id") { Description = "GitHub App installation ID" };
        var installationOwner = new Option<string?>("--app-installation-owner") { Description = "GitHub App installation owner (instead of the installation ID)" };
        var privateKey = new Option<string>("--app-private-key", "--app-private-key-file") { Description = "GitHub App private key file (PEM)", Required = true };
        var baseUrl = new Option<string?>("--app-base-url") { Description = "GitHub API base URL, for GitHub Enterprise Server" };
        var command = new Command("githubapp", """
            Create or update a Kubernetes Secret for GitHub App authentication, as `flux create secret githubapp`

            Example:
              gyre create secret githubapp podinfo-auth --app-id=1 --app-installation-id=2 --app-private-key=./private-key-file.pem --export > githubapp-auth.yaml
            """)
        {
            appId, installationId, installationOwner, privateKey, baseUrl,
        };
        var options = CreateOptions.AddTo(command, interval: false);
        command.SetAction(async (parse, cancellationToken) =>
        {
            const string where = "create secret githubapp";
            var (id, installation, owner) = (parse.GetValue(appId)!, parse.GetValue(installationId), parse.GetValue(installationOwner));
            if (!long.TryParse(id, out _))
            {
                throw new CommandException($"{where}: --app-id '{id}': not a number", ExitCodes.Usage);
            }

            if (string.IsNullOrEmpty(installation) == string.IsNullOrEmpty(owner))
            {
                throw new CommandException($"{where}: pass one of --app-installation-id and --app-installation-owner", ExitCodes.Usage);
            }

            var file = parse.GetValue(privateKey)!;
            var key = await SecretFiles.ReadTextAsync(file, "--app-private-key", where, cancellationToken).ConfigureAwait(false);
            try
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(key);
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException)
            {
                throw new CommandException($"{where}: --app-private-key {file}: not a PEM RSA private key (the .pem GitHub gives for the app): {ex.Message}", ExitCodes.Usage);
            }

            var values = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["githubAppID"] = id, ["githubAppPrivateKey"] = key };
            if (!string.IsNullOrEmpty(installation))
            {
                values["githubAppInstallationID"] = installation;
            }
            else
            {
                values["githubAppInstallationOwner"] = owner!;
            }

            if (parse.GetValue(baseUrl) is { Length: > 0 } url)
            {
                values["githubAppBaseURL"] = Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                    ? url
                    : throw new CommandException($"{where}: --app-base-url '{url}': not an http(s) URL", ExitCodes.Usage);
            }

            return await SecretManifest.ExportOrApplyAsync(parse, console, options, "githubapp", SecretManifest.Build(parse, options, values, null), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
