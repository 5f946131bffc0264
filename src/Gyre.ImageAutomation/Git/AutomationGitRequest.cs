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

    /// <summary>Refuses what git could misread or what cannot work: a relative URL or one carrying a password, invalid refs, option-like refspecs or push options.</summary>
    internal Uri Validate(string location)
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url))
        {
            throw new ImageAutomationException(location, "invalid URL", "it is not an absolute URL", ImageAutomationReasons.InvalidSourceConfiguration);
        }

        if (url.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            throw new ImageAutomationException(location, "invalid URL", "it contains a password; put credentials in the GitRepository's secretRef Secret",
                ImageAutomationReasons.InvalidSourceConfiguration);
        }

        Checkout.Validate(location);
        if (PushBranch is { } branch)
        {
            new GitReference { Branch = branch }.Validate(location);
        }

        if (PushRefspec is { } refspec && (refspec.Length == 0 || refspec.StartsWith('-') || refspec.Any(char.IsControl)))
        {
            throw new ImageAutomationException(location, $"invalid spec.git.push.refspec '{refspec}'", "it must be a git refspec such as HEAD:refs/for/main",
                ImageAutomationReasons.InvalidSourceConfiguration);
        }

        if (PushOptions.Any(o => o.Key.Length == 0 || (o.Key + o.Value).Any(char.IsControl)))
        {
            throw new ImageAutomationException(location, "invalid spec.git.push.options", "keys must be non-empty and keys and values single-line",
                ImageAutomationReasons.InvalidSourceConfiguration);
        }

        return url;
    }
}
