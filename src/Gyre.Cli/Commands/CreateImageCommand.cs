using System.CommandLine;

namespace Gyre.Cli.Commands;

/// <summary>`gyre create image`: the image automation objects, as flux's `create image repository|policy|update`.</summary>
internal static class CreateImageCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("image", "Create or update image automation objects: repository, policy, update\n\nExample:\n  gyre create image repository podinfo --image=ghcr.io/stefanprodan/podinfo");
        command.Subcommands.Add(CreateImageRepositoryCommand.Create(console));
        command.Subcommands.Add(CreateImagePolicyCommand.Create(console));
        command.Subcommands.Add(CreateImageUpdateCommand.Create(console));
        return command;
    }
}
