using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text;

namespace Gyre.Cli;

/// <summary>
/// `gyre --help` (and `gyre` alone): one line per command, grouped as flux's documentation groups them; every other
/// command's --help is System.CommandLine's full help with its examples.
/// </summary>
internal sealed class RootHelp(HelpAction fallback) : SynchronousCommandLineAction
{
    private static readonly (string Title, string[] Commands)[] Groups =
    [
        ("Getting started", ["up", "install", "bootstrap", "check", "uninstall"]),
        ("Flux objects", ["get", "create", "reconcile", "suspend", "resume", "delete", "export"]),
        ("Inspecting", ["tree", "trace", "events", "logs", "stats", "build", "diff"]),
        ("Tools", ["kustomize", "helm", "sops", "push", "pull", "migrate", "trigger", "debug"]),
        ("Running Gyre", ["controller", "cluster", "completion", "version"]),
    ];

    public static void Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        var action = new RootHelp((HelpAction)help.Action!);
        help.Action = action;
        root.SetAction(parse => action.Invoke(parse));
    }

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (parseResult.CommandResult.Command is not RootCommand root)
        {
            return fallback.Invoke(parseResult);
        }

        parseResult.InvocationConfiguration.Output.Write(Text(root));
        return ExitCodes.Success;
    }

    public static string Text(RootCommand root)
    {
        var commands = root.Subcommands.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var width = commands.Keys.Max(n => n.Length) + 2;
        var text = new StringBuilder();
        text.Append(root.Description).Append("\n\nUsage:\n  gyre [command] [flags]\n");
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (title, names) in Groups.Append(("Other", commands.Keys.Where(n => !Groups.Any(g => g.Commands.Contains(n))).ToArray())))
        {
            var present = names.Where(commands.ContainsKey).ToList();
            if (present.Count == 0)
            {
                continue;
            }

            text.Append('\n').Append(title).Append(":\n");
            foreach (var name in present.Where(listed.Add))
            {
                text.Append("  ").Append(name.PadRight(width)).Append(Summary(commands[name])).Append('\n');
            }
        }

        text.Append("\nFlags:\n");
        var flags = root.Options.Where(o => !o.Hidden)
            .Select(o => (Names: string.Join(", ", o.Aliases.Append(o.Name).Where(n => n.StartsWith('-')).Distinct().OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal)), o.Description))
            .ToList();
        var flagWidth = flags.Max(f => f.Names.Length) + 2;
        foreach (var (names, description) in flags)
        {
            text.Append("  ").Append(names.PadRight(flagWidth)).Append(description).Append('\n');
        }

        text.Append("\nUse \"gyre [command] --help\" for more information about a command, with examples.\n");
        return text.ToString();
    }

    /// <summary>The first line of a command's description.</summary>
    public static string Summary(Command command) =>
        (command.Description ?? string.Empty).Split('\n', 2)[0].Trim();
}
