using Gyre.ImageAutomation.Git;
using Gyre.ImageAutomation.Setters;

namespace Gyre.ImageAutomation;

/// <summary>One ImageUpdateAutomation run's inputs, read from the object, its GitRepository and its ImagePolicies.</summary>
public sealed record AutomationRunRequest
{
    public required string AutomationNamespace { get; init; }

    public required string AutomationName { get; init; }

    public required AutomationGitRequest Git { get; init; }

    /// <summary>spec.update.path (null: the repository root).</summary>
    public string? UpdatePath { get; init; }

    /// <summary>The selected ImagePolicies that have a status.latestRef.</summary>
    public IReadOnlyCollection<LatestImage> Policies { get; init; } = [];

    /// <summary>spec.git.commit.author.name (Flux's default is empty; git needs one, so the email is used when empty).</summary>
    public string AuthorName { get; init; } = "";

    /// <summary>spec.git.commit.author.email.</summary>
    public required string AuthorEmail { get; init; }

    public string? MessageTemplate { get; init; }

    public IReadOnlyDictionary<string, string>? MessageTemplateValues { get; init; }

    /// <summary>spec.git.commit.signingKey's Secret: git.asc.</summary>
    public byte[]? SigningKey { get; init; }

    /// <summary>spec.git.commit.signingKey's Secret: passphrase.</summary>
    public string? SigningPassphrase { get; init; }
}
