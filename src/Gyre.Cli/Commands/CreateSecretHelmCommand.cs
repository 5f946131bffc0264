using System.CommandLine;
using Gyre.Cli.Flux;
using Gyre.Cli.Secrets;

namespace Gyre.Cli.Commands;

/// <summary>`gyre create secret helm`: HelmRepository credentials, as flux's: username/password and TLS files.</summary>
internal static class CreateSecretHelmCommand
{
    public static Command Create(CliConsole console)
    {
        var username = new Option<string?>("--username", "-u") { Description = "Basic authentication username" };
        var password = new Option<string?>("--password", "-p") { Description = "Basic authentication password" };
        var command = new Command("helm", """
            Create or update a Kubernetes Secret for Helm repository authentication, as `flux create secret helm`

            Examples:
              gyre create secret helm repo-auth --username=username --password=password --export > repo-auth.yaml
              gyre create secret helm repo-auth --tls-crt-file=./client.crt --tls-key-file=./client.key --ca-crt-file=./ca.crt
            """)
        {
            username, password,
        };
        var tls = TlsFileOptions.AddTo(command);
        var options = CreateOptions.AddTo(command, interval: false);
        command.SetAction(async (parse, cancellationToken) =>
        {
            const string where = "create secret helm";
            var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var (user, pass) = (parse.GetValue(username), parse.GetValue(password));
            if (string.IsNullOrEmpty(user) != string.IsNullOrEmpty(pass))
            {
                throw new CommandException($"{where}: --username and --password go together: pass both", ExitCodes.Usage);
            }

            if (!string.IsNullOrEmpty(user))
            {
                values["username"] = user;
                values["password"] = pass!;
            }

            await tls.AddAsync(parse, values, where, cancellationToken).ConfigureAwait(false);
            if (values.Count == 0)
            {
                throw new CommandException($"{where}: nothing to store: pass --username and --password, or TLS files (--tls-crt-file, --tls-key-file, --ca-crt-file)", ExitCodes.Usage);
            }

            return await SecretManifest.ExportOrApplyAsync(parse, console, options, "helm", SecretManifest.Build(parse, options, values, null), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
