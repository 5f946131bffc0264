namespace Gyre.Cli.Tests;

/// <summary>Runs the CLI in process with captured output, the way a user would invoke `gyre ...`.</summary>
internal static class CliRunner
{
    public static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);

    public static async Task<(int Code, string Output, string Error)> RunWithInputAsync(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input);
        var code = await GyreApp.RunAsync(args, new CliConsole(output, error, reader), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Starts a long-running command (--watch, --follow); read its output while it runs, cancel to stop it.</summary>
    public static (Task<int> Run, Func<string> Output) Start(CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        var run = GyreApp.RunAsync(args, new CliConsole(synchronized, TextWriter.Synchronized(new StringWriter()), TextReader.Null), cancellationToken);
        return (run, () =>
        {
            lock (synchronized)
            {
                return output.ToString();
            }
        });
    }
}
