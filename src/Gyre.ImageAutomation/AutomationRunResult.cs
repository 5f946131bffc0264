using Gyre.ImageAutomation.Git;
using Gyre.ImageAutomation.Setters;

namespace Gyre.ImageAutomation;

/// <summary>What a run did: the revision it started from, the setter changes, and the push (null when nothing changed).</summary>
public sealed record AutomationRunResult(string SourceRevision, UpdateResult Changes, PushResult? Push, string? CommitMessage);
