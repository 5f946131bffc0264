using Gyre.ImageAutomation.Git;
using Gyre.ImageAutomation.Setters;

namespace Gyre.ImageAutomation;

/// <summary>
/// What a run did: the source revision to observe (the pushed commit when it went onto the checkout branch), the setter
/// changes, and the push (null when nothing changed).
/// </summary>
public sealed record AutomationRunResult(string SourceRevision, UpdateResult Changes, PushResult? Push, string? CommitMessage)
{
    /// <summary>True when the run stopped after one ls-remote because neither the source nor the policies changed.</summary>
    public bool Skipped { get; init; }
}
