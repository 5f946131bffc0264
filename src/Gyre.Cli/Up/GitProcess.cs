using System.Diagnostics;

namespace Gyre.Cli.Up;

/// <summary>Runs the git CLI with an argument list (never a shell) and returns its output.</summary>
internal static class GitProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new UpException("cannot run git; install git and try again");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, (await output.ConfigureAwait(false)).Trim(), (await error.ConfigureAwait(false)).Trim());
    }

    public static async Task<string> OutputAsync(string workingDirectory, CancellationToken cancellationToken, params string[] arguments)
    {
        var (code, output, error) = await RunAsync(workingDirectory, arguments, null, cancellationToken).ConfigureAwait(false);
        return code == 0 ? output : throw new UpException($"git {string.Join(' ', arguments)} failed in {workingDirectory}: {error}");
    }
}
