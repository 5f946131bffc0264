namespace Gyre.Sources.Git;

/// <summary>What one git invocation printed.</summary>
internal sealed record GitCommandResult(int ExitCode, string StandardOutput, string StandardError);
