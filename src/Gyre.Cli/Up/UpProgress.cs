using System.Diagnostics;
using Gyre.Kube;
using Gyre.Kube.Discovery;
using Gyre.Manifests;
using Spectre.Console;

namespace Gyre.Cli.Up;

/// <summary>
/// Shows the Flux objects' states until everything is Ready or something fails (with --once), or until Ctrl-C: a
/// live tree on a terminal, one line per change otherwise (CI logs, pipes).
/// </summary>
internal sealed class UpProgress(KubeClient client, UpOptions options, CliConsole console, string logFile)
{
    private static readonly (string ApiVersion, string Kind)[] Kinds =
    [
        ("source.toolkit.fluxcd.io/v1", "GitRepository"),
        ("source.toolkit.fluxcd.io/v1", "OCIRepository"),
        ("source.toolkit.fluxcd.io/v1", "HelmRepository"),
        ("kustomize.toolkit.fluxcd.io/v1", "Kustomization"),
        ("helm.toolkit.fluxcd.io/v2", "HelmRelease"),
    ];

    private readonly Dictionary<ObjectRef, string> _shown = [];

    public async Task<int> RunAsync(Task controllers, Stopwatch clock, CancellationToken cancellationToken)
    {
        if (options.Interactive)
        {
            return await RunLiveAsync(controllers, cancellationToken).ConfigureAwait(false);
        }

        var deadline = clock.Elapsed + options.Timeout;
        StatusTree tree = new([]);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (controllers.IsFaulted)
                {
                    await console.Error.WriteLineAsync("error: the controllers stopped: " + controllers.Exception!.GetBaseException().Message).ConfigureAwait(false);
                    return ExitCodes.Failure;
                }

                tree = new StatusTree(await ReadAsync(cancellationToken).ConfigureAwait(false));
                await ShowChangesAsync(tree, clock).ConfigureAwait(false);
                if (options.Once && (tree.AllReady || tree.Failed.Count > 0 || clock.Elapsed > deadline))
                {
                    return await ConcludeAsync(tree, clock).ConfigureAwait(false);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await console.Out.WriteLineAsync("gyre up: stopped").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    // On a terminal: one tree redrawn in place until Ctrl-C.
    private async Task<int> RunLiveAsync(Task controllers, CancellationToken cancellationToken)
    {
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Out) });
        try
        {
            await terminal.Live(new StatusTree([]).Render()).AutoClear(false).StartAsync(async context =>
            {
                while (!cancellationToken.IsCancellationRequested && !controllers.IsFaulted)
                {
                    context.UpdateTarget(new StatusTree(await ReadAsync(cancellationToken).ConfigureAwait(false)).Render());
                    context.Refresh();
                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        if (controllers.IsFaulted)
        {
            await console.Error.WriteLineAsync("error: the controllers stopped: " + controllers.Exception!.GetBaseException().Message).ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await console.Out.WriteLineAsync("gyre up: stopped").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private async Task<IReadOnlyList<FluxObjectStatus>> ReadAsync(CancellationToken cancellationToken)
    {
        var statuses = new List<FluxObjectStatus>();
        foreach (var (apiVersion, kind) in Kinds)
        {
            try
            {
                var resource = await client.ForKindAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
                var list = await resource.ListAsync(null, null, cancellationToken).ConfigureAwait(false);
                statuses.AddRange(list.Items.Select(item => FluxObjectStatus.From(new KubeObject(item))));
            }
            catch (KubeMappingException)
            {
                // The kind is not served (yet): nothing of it to show.
            }
        }

        return statuses;
    }

    private async Task ShowChangesAsync(StatusTree tree, Stopwatch clock)
    {
        foreach (var obj in tree.Objects)
        {
            var text = StatusTree.Describe(obj);
            if (_shown.TryGetValue(obj.Ref, out var previous) && previous == text)
            {
                continue;
            }

            _shown[obj.Ref] = text;
            await console.Out.WriteLineAsync($"[{clock.Elapsed.TotalSeconds,6:F1}s] {text}").ConfigureAwait(false);
        }
    }

    private async Task<int> ConcludeAsync(StatusTree tree, Stopwatch clock)
    {
        await console.Out.WriteLineAsync().ConfigureAwait(false);
        foreach (var line in tree.Lines())
        {
            await console.Out.WriteLineAsync(line).ConfigureAwait(false);
        }

        if (tree.AllReady)
        {
            await console.Out.WriteLineAsync($"✔ all {tree.Objects.Count} objects are Ready ({clock.Elapsed.TotalSeconds:F1}s)").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var problems = tree.Failed.Count > 0 ? tree.Failed : tree.NotReady;
        var what = tree.Failed.Count > 0 ? "failed" : $"not Ready after {options.Timeout.TotalSeconds:F0}s";
        foreach (var obj in problems)
        {
            await console.Error.WriteLineAsync($"✖ {obj.Ref} {what}: {(obj.Reason.Length > 0 ? obj.Reason + ": " : string.Empty)}{obj.Message}").ConfigureAwait(false);
        }

        await console.Error.WriteLineAsync($"see the controller logs in {logFile}; fix the repository, commit, and run gyre up again").ConfigureAwait(false);
        return ExitCodes.Failure;
    }
}
