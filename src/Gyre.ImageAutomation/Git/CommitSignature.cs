namespace Gyre.ImageAutomation.Git;

/// <summary>spec.git.commit.author (also the committer, as in Flux) and the time the commit is stamped with.</summary>
public sealed record CommitSignature(string Name, string Email, DateTimeOffset When);
