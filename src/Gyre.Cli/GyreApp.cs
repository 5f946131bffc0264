using System.CommandLine;
using Gyre.Cli.Commands;

namespace Gyre.Cli;

/// <summary>The composition root: builds the command tree and runs it with user-facing error handling.</summary>
internal static class GyreApp
{
    public static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand("Gyre: GitOps continuous delivery for Kubernetes, speaking Flux's APIs.");
        root.Options.Add(GlobalOptions.Verbose);
        root.Subcommands.Add(VersionCommand.Create(console));
        root.Subcommands.Add(ClusterCommand.Create(console));
        root.Subcommands.Add(PushCommand.Create(console));
        root.Subcommands.Add(PullCommand.Create(console));
        root.Subcommands.Add(DebugCommand.Create(console));
        root.Subcommands.Add(KustomizeCommand.Create(console));
        root.Subcommands.Add(SopsCommand.Create(console));
        root.Subcommands.Add(UpCommand.Create(console));
        root.Subcommands.Add(GetCommand.Create(console));
        root.Subcommands.Add(ControllerCommand.Create(console));
        root.Subcommands.Add(TriggerCommand.Create(console));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var root = BuildRoot(console);
        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("gyre: cancelled").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // the CLI is the one place that turns any failure into a message and an exit code
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // Users never see a stack trace unless they ask for one.
            var verbose = parse.GetValue(GlobalOptions.Verbose);
            await console.Error.WriteLineAsync("error: " + ErrorText.Describe(ex, verbose)).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
