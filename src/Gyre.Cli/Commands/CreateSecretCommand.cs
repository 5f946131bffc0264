using System.CommandLine;

namespace Gyre.Cli.Commands;

/// <summary>`gyre create secret`: the Secrets Flux's objects authenticate with, as flux's subcommands make them.</summary>
internal static class CreateSecretCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("secret", "Create or update the Secrets sources, registries and receivers authenticate with\n\nExample:\n  gyre create secret git podinfo-auth --url=ssh://git@github.com/stefanprodan/podinfo");
        command.Subcommands.Add(CreateSecretGitCommand.Create(console));
        command.Subcommands.Add(CreateSecretHelmCommand.Create(console));
        command.Subcommands.Add(CreateSecretOciCommand.Create(console));
        command.Subcommands.Add(CreateSecretTlsCommand.Create(console));
        command.Subcommands.Add(CreateSecretProxyCommand.Create(console));
        command.Subcommands.Add(CreateSecretReceiverCommand.Create(console));
        command.Subcommands.Add(CreateSecretGitHubAppCommand.Create(console));
        return command;
    }
}
