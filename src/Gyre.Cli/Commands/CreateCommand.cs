using System.CommandLine;

namespace Gyre.Cli.Commands;

/// <summary>`gyre create`: Flux objects from flags, applied and awaited, or printed with --export.</summary>
internal static class CreateCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("create", """
            Create or update Flux objects from flags (--export prints the YAML to commit instead)

            Examples:
              gyre create source git podinfo --url https://github.com/stefanprodan/podinfo --branch master
              gyre create kustomization podinfo --source GitRepository/podinfo --path ./kustomize --prune
              gyre create helmrelease podinfo --source HelmRepository/podinfo --chart podinfo --export
            """);
        var source = new Command("source", "Create sources: git, oci, bucket, helm\n\nExample:\n  gyre create source git podinfo --url=https://github.com/stefanprodan/podinfo --branch=master");
        source.Subcommands.Add(CreateSourceGitCommand.Create(console));
        source.Subcommands.Add(CreateSourceOciCommand.Create(console));
        source.Subcommands.Add(CreateSourceBucketCommand.Create(console));
        source.Subcommands.Add(CreateSourceHelmCommand.Create(console));
        command.Subcommands.Add(source);
        command.Subcommands.Add(CreateKustomizationCommand.Create(console));
        command.Subcommands.Add(CreateHelmReleaseCommand.Create(console));
        command.Subcommands.Add(CreateAlertCommand.Create(console));
        command.Subcommands.Add(CreateProviderCommand.Create(console));
        command.Subcommands.Add(CreateReceiverCommand.Create(console));
        command.Subcommands.Add(CreateSecretCommand.Create(console));
        command.Subcommands.Add(CreateImageCommand.Create(console));
        return command;
    }
}
