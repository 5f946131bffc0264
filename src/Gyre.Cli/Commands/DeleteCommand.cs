using System.CommandLine;
using Gyre.Cli.Flux;
using Gyre.Cli.Output;
using Gyre.Kube.Dynamic;

namespace Gyre.Cli.Commands;

/// <summary>`gyre delete KIND NAME`: deletes Flux objects after a confirmation (skipped with --silent), as flux does.</summary>
internal static class DeleteCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("delete", """
            Delete Flux objects (a Kustomization with prune: true also deletes what it applied)

            Examples:
              gyre delete kustomization apps
              gyre delete source git podinfo --silent
            """);
        KindCommands.AddTo(command, FluxKinds.All, kind => CreateFor(console, kind));
        return command;
    }

    private static Command CreateFor(CliConsole console, FluxKind kind)
    {
        var silent = new Option<bool>("--silent", "-s") { Description = "Do not ask for confirmation" };
        var command = KindCommands.Named(kind, $"Delete {kind.Kind} objects\n\nExample:\n  gyre delete {kind.CliName} NAME --silent");
        var target = TargetNames.AddTo(command);
        command.Options.Add(silent);
        var cluster = ClusterOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = await cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var ns = cluster.NamespaceOf(parse)!;
            var progress = new Progress(console);
            var resource = await FluxResources.ForAsync(client, kind, cancellationToken).ConfigureAwait(false);
            foreach (var name in await target.ResolveAsync(parse, resource, kind, ns, "delete", cancellationToken).ConfigureAwait(false))
            {
                await FluxResources.GetAsync(resource, kind, ns, name, cancellationToken).ConfigureAwait(false);
                if (!parse.GetValue(silent))
                {
                    await console.Error.WriteAsync($"Are you sure you want to delete {kind.Kind} {ns}/{name}? [y/N] ").ConfigureAwait(false);
                    var answer = (await console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim();
                    if (!string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
                    {
                        progress.Failure($"delete {kind.CliName} {name}: not confirmed; nothing deleted (use --silent in scripts)");
                        return ExitCodes.Failure;
                    }
                }

                progress.Action($"deleting {kind.Kind} {name} in {ns} namespace");
                await resource.DeleteAsync(ns, name, new DeleteOptions { PropagationPolicy = PropagationPolicy.Background }, cancellationToken).ConfigureAwait(false);
                progress.Success($"{kind.Kind} deleted");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
