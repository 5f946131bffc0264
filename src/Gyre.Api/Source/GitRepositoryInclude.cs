namespace Gyre.Api.Source;

/// <summary>One GitRepository spec.include entry: another GitRepository's artifact copied from fromPath into toPath.</summary>
public sealed record GitRepositoryInclude(string Repository, string FromPath, string? ToPath);
