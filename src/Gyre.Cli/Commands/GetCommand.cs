using System.CommandLine;
using Gyre.Cli.Flux;

namespace Gyre.Cli.Commands;

/// <summary>`gyre get`: Flux objects as flux's tables (or JSON/YAML), plus `gyre get object` for any kind.</summary>
internal static class GetCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("get", """
            Show the status of Flux objects

            Examples:
              gyre get all -A
              gyre get kustomizations --status-selector ready=false -A
              gyre get sources git -n flux-system -o yaml
              gyre get helmreleases --watch
            """);
        command.Subcommands.Add(GetAllCommand.Create(console, "all", FluxKinds.All, "Show every Flux object (sources, Kustomizations, HelmReleases, notifications)"));
        var sources = new Command("sources", "Show sources: git, oci, bucket, helm, chart, or all of them\n\nExample:\n  gyre get sources all -A\n  gyre get sources git");
        sources.Subcommands.Add(GetAllCommand.Create(console, "all", FluxKinds.Sources, "Show every source"));
        foreach (var kind in FluxKinds.Sources)
        {
            sources.Subcommands.Add(GetKindCommand.Create(console, kind));
        }

        command.Subcommands.Add(sources);
        var images = new Command("images", "Show image automation objects: repository, policy, update, or all of them\n\nExample:\n  gyre get images all -A\n  gyre get images policy");
        images.Subcommands.Add(GetAllCommand.Create(console, "all", FluxKinds.Images, "Show every image automation object"));
        foreach (var kind in FluxKinds.Images)
        {
            images.Subcommands.Add(GetKindCommand.Create(console, kind));
        }

        command.Subcommands.Add(images);
        foreach (var kind in FluxKinds.All.Where(k => !k.IsSource && !k.IsImage))
        {
            command.Subcommands.Add(GetKindCommand.Create(console, kind));
        }

        command.Subcommands.Add(GetObjectCommand.Create(console));
        return command;
    }
}
