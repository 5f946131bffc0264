namespace Gyre.Cli.Tests;

/// <summary>Runs the CLI in process with captured output, the way a user would invoke `gyre ...`.</summary>
internal static class CliRunner
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await GyreApp.RunAsync(args, new CliConsole(output, error, TextReader.Null), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    public static async Task<(int Code, string Output, string Error)> RunWithInputAsync(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input);
        var code = await GyreApp.RunAsync(args, new CliConsole(output, error, reader), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
