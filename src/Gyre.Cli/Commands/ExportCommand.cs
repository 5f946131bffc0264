using System.CommandLine;
using Gyre.Cli.Flux;
using Gyre.Manifests.Yaml;

namespace Gyre.Cli.Commands;

/// <summary>`gyre export KIND NAME|--all`: the objects as YAML to commit to Git, without status or server fields.</summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("export", """
            Print Flux objects as YAML, ready to commit to a repository

            Examples:
              gyre export kustomization apps > apps.yaml
              gyre export source git --all -n flux-system
            """);
        KindCommands.AddTo(command, FluxKinds.All, kind => CreateFor(console, kind));
        return command;
    }

    private static Command CreateFor(CliConsole console, FluxKind kind)
    {
        var command = KindCommands.Named(kind, $"Export {kind.Kind} objects as YAML\n\nExample:\n  gyre export {kind.CliName} NAME\n  gyre export {kind.CliName} --all");
        var target = TargetNames.AddTo(command);
        var cluster = ClusterOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = await cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var ns = cluster.NamespaceOf(parse)!;
            var resource = await FluxResources.ForAsync(client, kind, cancellationToken).ConfigureAwait(false);
            foreach (var name in await target.ResolveAsync(parse, resource, kind, ns, "export", cancellationToken).ConfigureAwait(false))
            {
                var obj = await FluxResources.GetAsync(resource, kind, ns, name, cancellationToken).ConfigureAwait(false);
                await console.Out.WriteAsync("---\n" + YamlWriter.Write(ExportedObject.From(obj))).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
