using System.CommandLine;
using Gyre.Cli.Output;

namespace Gyre.Cli.Tests;

/// <summary>The root listing, examples on every command's --help, and the terminal-only spinner.</summary>
public sealed class HelpTests
{
    [Fact]
    public async Task Root_help_lists_every_command_once_on_one_line_in_groups()
    {
        var (code, output, _) = await CliRunner.RunAsync("--help");
        var bare = await CliRunner.RunAsync();

        Assert.Equal(0, code);
        Assert.Equal(output, bare.Output);
        Assert.Contains("\nGetting started:\n  up ", output, StringComparison.Ordinal);
        var root = GyreApp.BuildRoot(new CliConsole(TextWriter.Null, TextWriter.Null, TextReader.Null));
        var lines = output.Split('\n');
        foreach (var command in root.Subcommands)
        {
            var listed = lines.Where(l => l.StartsWith("  " + command.Name + " ", StringComparison.Ordinal)).ToList();
            Assert.True(listed.Count == 1, $"{command.Name} is listed {listed.Count} times in:\n{output}");
            Assert.EndsWith(RootHelp.Summary(command), listed[0], StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Example", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_command_has_an_example_in_its_help()
    {
        var root = GyreApp.BuildRoot(new CliConsole(TextWriter.Null, TextWriter.Null, TextReader.Null));
        var missing = Walk(root, "gyre").Where(c => !(c.Command.Description ?? string.Empty).Contains("Example", StringComparison.Ordinal))
            .Select(c => c.Path).ToList();

        Assert.True(missing.Count == 0, "no example in the help of: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task A_command_help_shows_its_examples()
    {
        var (code, output, _) = await CliRunner.RunAsync("bootstrap", "git", "--help");

        Assert.Equal(0, code);
        Assert.Contains("gyre bootstrap git --url=ssh://", output, StringComparison.Ordinal);
        Assert.Contains("--private-key-file", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spinner_redraws_in_place_and_leaves_the_plain_waiting_line()
    {
        var output = new StringWriter();
        var writer = TextWriter.Synchronized(output);
        Spinner.Start(writer, "waiting for Kustomization reconciliation", TimeProvider.System);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Drawn())
        {
            Assert.True(DateTime.UtcNow < deadline, "the spinner never drew");
            await Task.Delay(20);
        }

        Spinner.StopCurrent();

        Assert.StartsWith("\r\u001b[2K⠋ waiting for Kustomization reconciliation", Text(), StringComparison.Ordinal);
        Assert.EndsWith("\r\u001b[2K◎ waiting for Kustomization reconciliation\n", Text(), StringComparison.Ordinal);
        var length = Text().Length;
        await Task.Delay(250); // after stopping nothing more is drawn (the timer is disposed)
        Assert.Equal(length, Text().Length);

        bool Drawn() => Text().Contains('⠋', StringComparison.Ordinal);
        string Text()
        {
            lock (writer)
            {
                return output.ToString();
            }
        }
    }

    private static IEnumerable<(string Path, Command Command)> Walk(Command command, string path)
    {
        foreach (var sub in command.Subcommands)
        {
            yield return (path + " " + sub.Name, sub);
            foreach (var nested in Walk(sub, path + " " + sub.Name))
            {
                yield return nested;
            }
        }
    }
}
