using Gyre.ImageAutomation.Setters;

namespace Gyre.ImageAutomation;

/// <summary>What the last successful run saw (status.observedSourceRevision and status.observedPolicies).</summary>
public sealed record ObservedRun(string SourceRevision, IReadOnlyCollection<LatestImage> Policies)
{
    /// <summary>Whether <paramref name="policies"/> are the same latest images, whatever the order.</summary>
    public bool SamePolicies(IReadOnlyCollection<LatestImage> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        return Policies.Count == policies.Count && Policies.ToHashSet().SetEquals(policies.Select(p => p with { Digest = string.IsNullOrEmpty(p.Digest) ? null : p.Digest }));
    }
}
