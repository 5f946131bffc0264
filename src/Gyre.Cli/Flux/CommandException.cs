namespace Gyre.Cli.Flux;

/// <summary>A failure the user can act on: the message says what failed and what to do; no stack trace is shown.</summary>
internal sealed class CommandException(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
