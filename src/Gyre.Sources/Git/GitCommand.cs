using System.Diagnostics;

namespace Gyre.Sources.Git;

/// <summary>
/// Runs the <c>git</c> CLI without a shell: arguments go through <see cref="ProcessStartInfo.ArgumentList"/>, the
/// environment is scrubbed of the caller's git, ssh and credential settings (no global or system config, no prompts,
/// no agent), and credentials only ever arrive in environment variables prepared by <see cref="GitAuthentication"/>.
/// Output that reaches an error message is redacted: URLs lose their user-info and known secret values are masked.
/// </summary>
internal sealed class GitCommand(string gitExecutable = "git")
{
    /// <summary>Runs git; a non-zero exit becomes a <see cref="SourceException"/> naming <paramref name="what"/>.</summary>
    public async Task<GitCommandResult> RunAsync(
        string location, string what, string? workingDirectory, IReadOnlyList<string> arguments, GitEnvironment environment,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo(gitExecutable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        environment.ApplyTo(start.Environment);
        using var process = new Process { StartInfo = start };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new SourceException(location, what, $"cannot run git: {ex.Message}; install git", SourceReasons.GitOperationFailed, inner: ex);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            var result = new GitCommandResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
            if (result.ExitCode != 0)
            {
                throw new SourceException(location, what, environment.Redact(LastLines(result.StandardError)),
                    SourceReasons.GitOperationFailed, isTransient: true);
            }

            return result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SourceException(location, what, $"timed out after {timeout.TotalSeconds:0.###}s; raise spec.timeout if the repository is large",
                SourceReasons.GitOperationFailed, isTransient: true);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static string LastLines(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("hint:", StringComparison.Ordinal) && !l.StartsWith("Please make sure", StringComparison.Ordinal)
                && !l.StartsWith("and the repository exists", StringComparison.Ordinal))
            .ToList();
        var text = lines.Count == 0 ? "git failed without a message" : string.Join("; ", lines.TakeLast(4));
        return text.Length > 800 ? text[^800..] : text;
    }
}
