using System.Diagnostics;

namespace Gyre.Controllers.Tests.Support;

/// <summary>Runs tools (git, ssh-keygen, gpg) for test setup, failing the test with their stderr.</summary>
public static class Shell
{
    public static string Run(string? workingDirectory, string file, params string[] args) => Run(workingDirectory, null, file, args);

    public static string Run(string? workingDirectory, IDictionary<string, string>? environment, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_AUTHOR_NAME"] = "Gyre Test";
        start.Environment["GIT_AUTHOR_EMAIL"] = "test@gyre.invalid";
        start.Environment["GIT_COMMITTER_NAME"] = "Gyre Test";
        start.Environment["GIT_COMMITTER_EMAIL"] = "test@gyre.invalid";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} timed out");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout;
    }
}
