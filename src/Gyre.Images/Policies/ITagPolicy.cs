namespace Gyre.Images.Policies;

/// <summary>One of ImagePolicy's spec.policy choices: picks the latest of a set of (filtered) tags.</summary>
internal interface ITagPolicy
{
    /// <summary>The latest tag, or null when none qualifies.</summary>
    string? Latest(IReadOnlyCollection<string> tags);

    /// <summary>What the policy asks for, for the message when no tag qualifies (e.g. "semver range '>=1.0'").</summary>
    string Describe();
}
