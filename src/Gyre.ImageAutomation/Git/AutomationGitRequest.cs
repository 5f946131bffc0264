using Gyre.Sources.Git;

namespace Gyre.ImageAutomation.Git;

/// <summary>Where an ImageUpdateAutomation clones from and pushes to: the GitRepository's URL and auth, the checkout ref, the push target.</summary>
public sealed record AutomationGitRequest
{
    /// <summary>The GitRepository's spec.url.</summary>
    public required string Url { get; init; }

    /// <summary>spec.git.checkout.ref, or the GitRepository's spec.ref when absent.</summary>
    public GitReference Checkout { get; init; } = GitReference.Default;

    /// <summary>spec.git.push.branch (null: the checkout branch, unless only a refspec is given).</summary>
    public string? PushBranch { get; init; }

    /// <summary>spec.git.push.refspec, pushed after the branch.</summary>
    public string? PushRefspec { get; init; }

    /// <summary>spec.git.push.options, sent as <c>git push -o key=value</c> (just <c>key</c> when the value is empty).</summary>
    public IReadOnlyDictionary<string, string> PushOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>The GitRepository's secretRef data.</summary>
    public GitCredentials? Credentials { get; init; }

    /// <summary>The GitRepository's proxySecretRef data.</summary>
    public GitProxy? Proxy { get; init; }

    /// <summary>The GitRepository's spec.timeout, per git operation.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public bool AllowInsecureHttp { get; init; }
}
