using System.CommandLine;
using Gyre.Cli.Flux;
using Gyre.Cli.Output;

namespace Gyre.Cli.Commands;

/// <summary>`gyre resume KIND NAME|--all`: clears spec.suspend, asks for a reconcile and waits for it, as flux does.</summary>
internal static class ResumeCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("resume", """
            Resume suspended reconciliation and wait for the outcome (exit 1 if an object is not Ready)

            Examples:
              gyre resume kustomization apps
              gyre resume source git --all --wait=false
            """);
        KindCommands.AddTo(command, FluxKinds.All, kind => CreateFor(console, kind));
        return command;
    }

    private static Command CreateFor(CliConsole console, FluxKind kind)
    {
        var wait = new Option<bool>("--wait") { Description = "Wait for the reconciliation's outcome", DefaultValueFactory = _ => kind.HasStatus };
        var timeout = DurationOption.Create("--timeout", "How long to wait for the outcome", TimeSpan.FromMinutes(5));
        var command = KindCommands.Named(kind, $"Resume {kind.Kind} reconciliation\n\nExample:\n  gyre resume {kind.CliName} NAME\n  gyre resume {kind.CliName} --all");
        var target = TargetNames.AddTo(command);
        command.Options.Add(wait);
        command.Options.Add(timeout);
        var cluster = ClusterOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = await cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var ns = cluster.NamespaceOf(parse)!;
            var progress = new Progress(console);
            var resource = await FluxResources.ForAsync(client, kind, cancellationToken).ConfigureAwait(false);
            var requests = new List<(Reconciliation Reconciliation, string Token)>();
            foreach (var name in await target.ResolveAsync(parse, resource, kind, ns, "resume", cancellationToken).ConfigureAwait(false))
            {
                await FluxResources.GetAsync(resource, kind, ns, name, cancellationToken).ConfigureAwait(false);
                progress.Action($"resuming {kind.Kind} {name} in {ns} namespace");
                var reconciliation = new Reconciliation(resource, kind, ns, name, progress, TimeProvider.System);
                requests.Add((reconciliation, await reconciliation.RequestAsync(resume: true, cancellationToken).ConfigureAwait(false)));
                progress.Success($"{kind.Kind} resumed");
            }

            var ready = true;
            if (parse.GetValue(wait) && kind.HasStatus)
            {
                foreach (var (reconciliation, token) in requests)
                {
                    ready &= await reconciliation.WaitAsync(token, parse.GetValue(timeout), cancellationToken).ConfigureAwait(false);
                }
            }

            return ready ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
