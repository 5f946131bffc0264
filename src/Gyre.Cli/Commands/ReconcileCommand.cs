using System.CommandLine;
using Gyre.Cli.Flux;
using Gyre.Cli.Output;
using Gyre.Kube;

namespace Gyre.Cli.Commands;

/// <summary>`gyre reconcile KIND NAME`: asks the controller to reconcile now and waits for the outcome, as flux does.</summary>
internal static class ReconcileCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("reconcile", """
            Trigger a reconciliation now and wait for its outcome (exit 1 if the object is not Ready afterwards)

            Examples:
              gyre reconcile source git flux-system
              gyre reconcile kustomization apps --with-source
              gyre reconcile helmrelease podinfo -n apps --timeout 2m
            """);
        KindCommands.AddTo(command, FluxKinds.All.Where(k => k.HasStatus), kind => CreateFor(console, kind));
        return command;
    }

    private static Command CreateFor(CliConsole console, FluxKind kind)
    {
        var name = new Argument<string>("NAME") { Description = $"The {kind.Kind}'s name" };
        var withSource = new Option<bool>("--with-source") { Description = "Reconcile the source first" };
        var timeout = DurationOption.Create("--timeout", "How long to wait for the outcome", TimeSpan.FromMinutes(5));
        var force = new Option<bool>("--force") { Description = "Force a one-off install or upgrade of the release (as flux: reconcile.fluxcd.io/forceAt)" };
        var reset = new Option<bool>("--reset") { Description = "Reset the install and upgrade failure counters (as flux: reconcile.fluxcd.io/resetAt)" };
        var command = KindCommands.Named(kind, $"Reconcile a {kind.Kind} now and wait for the outcome\n\nExample:\n  gyre reconcile {kind.CliName} NAME -n flux-system"
            + (kind == FluxKinds.HelmRelease ? $"\n  gyre reconcile {kind.CliName} NAME --force --reset" : string.Empty));
        command.Arguments.Add(name);
        if (kind == FluxKinds.Kustomization || kind == FluxKinds.HelmRelease)
        {
            command.Options.Add(withSource);
        }

        if (kind == FluxKinds.HelmRelease)
        {
            command.Options.Add(force);
            command.Options.Add(reset);
        }

        command.Options.Add(timeout);
        var cluster = ClusterOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = await cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var ns = cluster.NamespaceOf(parse)!;
            var progress = new Progress(console);
            var resource = await FluxResources.ForAsync(client, kind, cancellationToken).ConfigureAwait(false);
            var obj = await FluxResources.GetAsync(resource, kind, ns, parse.GetValue(name)!, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(withSource) && SourceOf.Find(obj, kind) is { } source
                && !await ReconcileAsync(client, source.Kind, source.Namespace, source.Name, progress, parse.GetValue(timeout), cancellationToken).ConfigureAwait(false))
            {
                return ExitCodes.Failure;
            }

            var annotations = new List<string>();
            if (parse.GetValue(force))
            {
                annotations.Add("reconcile.fluxcd.io/forceAt");
            }

            if (parse.GetValue(reset))
            {
                annotations.Add("reconcile.fluxcd.io/resetAt");
            }

            return await ReconcileAsync(client, kind, ns, parse.GetValue(name)!, progress, parse.GetValue(timeout), annotations, cancellationToken).ConfigureAwait(false)
                ? ExitCodes.Success
                : ExitCodes.Failure;
        });
        return command;
    }

    internal static Task<bool> ReconcileAsync(KubeClient client, FluxKind kind, string ns, string name, Progress progress, TimeSpan timeout, CancellationToken cancellationToken) =>
        ReconcileAsync(client, kind, ns, name, progress, timeout, [], cancellationToken);

    internal static async Task<bool> ReconcileAsync(KubeClient client, FluxKind kind, string ns, string name, Progress progress, TimeSpan timeout,
        IReadOnlyList<string> alsoAnnotate, CancellationToken cancellationToken)
    {
        var resource = await FluxResources.ForAsync(client, kind, cancellationToken).ConfigureAwait(false);
        var obj = await FluxResources.GetAsync(resource, kind, ns, name, cancellationToken).ConfigureAwait(false);
        if (FluxObject.Suspended(obj))
        {
            throw new CommandException($"{kind.Kind} {ns}/{name}: reconciliation is suspended; resume it with `gyre resume {kind.CliName} {name} -n {ns}`");
        }

        progress.Action($"annotating {kind.Kind} {name} in {ns} namespace");
        var reconciliation = new Reconciliation(resource, kind, ns, name, progress, TimeProvider.System);
        var token = await reconciliation.RequestAsync(resume: false, alsoAnnotate, cancellationToken).ConfigureAwait(false);
        progress.Success($"{kind.Kind} annotated");
        return await reconciliation.WaitAsync(token, timeout, cancellationToken).ConfigureAwait(false);
    }
}
