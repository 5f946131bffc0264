using System.CommandLine;
using Gyre.Cli.Flux;
using Gyre.Cli.Secrets;

namespace Gyre.Cli.Commands;

/// <summary>`gyre create secret tls`: a client certificate and/or CA, keyed tls.crt, tls.key and ca.crt as flux's.</summary>
internal static class CreateSecretTlsCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("tls", """
            Create or update a Kubernetes Secret with TLS certificates, as `flux create secret tls`

            Example:
              gyre create secret tls certs --tls-crt-file=./client.crt --tls-key-file=./client.key --ca-crt-file=./ca.crt --export > certs.yaml
            """);
        var tls = TlsFileOptions.AddTo(command);
        var options = CreateOptions.AddTo(command, interval: false);
        command.SetAction(async (parse, cancellationToken) =>
        {
            const string where = "create secret tls";
            if (!tls.Any(parse))
            {
                throw new CommandException($"{where}: nothing to store: pass --tls-crt-file with --tls-key-file, and/or --ca-crt-file", ExitCodes.Usage);
            }

            var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
            await tls.AddAsync(parse, values, where, cancellationToken).ConfigureAwait(false);
            return await SecretManifest.ExportOrApplyAsync(parse, console, options, "tls", SecretManifest.Build(parse, options, values, null), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
