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
        root.Subcommands.Add(ReconcileCommand.Create(console));
        root.Subcommands.Add(SuspendCommand.Create(console));
        root.Subcommands.Add(ResumeCommand.Create(console));
        root.Subcommands.Add(DeleteCommand.Create(console));
        root.Subcommands.Add(ExportCommand.Create(console));
        root.Subcommands.Add(CreateCommand.Create(console));
        root.Subcommands.Add(TreeCommand.Create(console));
        root.Subcommands.Add(TraceCommand.Create(console));
        root.Subcommands.Add(EventsCommand.Create(console));
        root.Subcommands.Add(StatsCommand.Create(console));
        root.Subcommands.Add(LogsCommand.Create(console));
        root.Subcommands.Add(HelmCommand.Create(console));
        root.Subcommands.Add(InstallCommand.Create(console));
        root.Subcommands.Add(BootstrapCommand.Create(console));
        root.Subcommands.Add(UninstallCommand.Create(console));
        root.Subcommands.Add(CheckCommand.Create(console));
        root.Subcommands.Add(MigrateCommand.Create(console));
        root.Subcommands.Add(CompletionCommand.Create(console));
        root.Subcommands.Add(BuildCommand.Create(console));
        root.Subcommands.Add(DiffCommand.Create(console));
        RootHelp.Install(root);
        return root;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null && result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', names);
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var root = BuildRoot(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            // Usage errors get their own exit code (2) so scripts can tell them from failed operations (1).
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync($"run `{string.Join(' ', new[] { "gyre", CommandPath(parse) }.Where(p => p.Length > 0))} --help` for usage").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var config = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (Flux.CommandException ex)
        {
            Output.Spinner.StopCurrent();
            await console.Error.WriteLineAsync("✗ " + ex.Message).ConfigureAwait(false);
            return ex.ExitCode;
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
            Output.Spinner.StopCurrent();
            await console.Error.WriteLineAsync("error: " + ErrorText.Describe(ex, verbose)).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        finally
        {
            Output.Spinner.StopCurrent();
        }
    }
}
