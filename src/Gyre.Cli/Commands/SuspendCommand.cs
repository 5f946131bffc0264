using System.CommandLine;
using Gyre.Cli.Flux;
using Gyre.Cli.Output;
using Gyre.Kube.Dynamic;

namespace Gyre.Cli.Commands;

/// <summary>`gyre suspend KIND NAME|--all`: sets spec.suspend so the controller leaves the objects alone.</summary>
internal static class SuspendCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("suspend", """
            Suspend reconciliation: the controller stops applying changes until `gyre resume`

            Examples:
              gyre suspend kustomization apps
              gyre suspend source git --all -n flux-system
            """);
        KindCommands.AddTo(command, FluxKinds.All, kind => CreateFor(console, kind));
        return command;
    }

    private static Command CreateFor(CliConsole console, FluxKind kind)
    {
        var command = KindCommands.Named(kind, $"Suspend {kind.Kind} reconciliation\n\nExample:\n  gyre suspend {kind.CliName} NAME\n  gyre suspend {kind.CliName} --all");
        var target = TargetNames.AddTo(command);
        var cluster = ClusterOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = await cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var ns = cluster.NamespaceOf(parse)!;
            var progress = new Progress(console);
            var resource = await FluxResources.ForAsync(client, kind, cancellationToken).ConfigureAwait(false);
            foreach (var name in await target.ResolveAsync(parse, resource, kind, ns, "suspend", cancellationToken).ConfigureAwait(false))
            {
                await FluxResources.GetAsync(resource, kind, ns, name, cancellationToken).ConfigureAwait(false);
                progress.Action($"suspending {kind.Kind} {name} in {ns} namespace");
                await resource.PatchAsync(ns, name, PatchType.Merge, """{"spec":{"suspend":true}}""", null, cancellationToken).ConfigureAwait(false);
                progress.Success($"{kind.Kind} suspended");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
