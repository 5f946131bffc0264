namespace Gyre.Cli.Migrate;

/// <summary>One rewritten apiVersion: the 1-based line, the kind, and the versions before and after.</summary>
internal sealed record ApiVersionChange(int Line, string Kind, string OldVersion, string NewVersion);
