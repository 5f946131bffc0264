using Gyre.Sources.Artifacts;

namespace Gyre.Sources.Git;

/// <summary>Everything a GitRepository reconcile hands to <see cref="GitRepositorySource"/>.</summary>
public sealed record GitRepositoryRequest
{
    /// <summary>Kind/namespace/name of the GitRepository (its store directory).</summary>
    public required ArtifactKey Key { get; init; }

    /// <summary>spec.url: https://, ssh:// or (when allowed) http://.</summary>
    public required string Url { get; init; }

    public GitReference Reference { get; init; } = GitReference.Default;

    /// <summary>From spec.secretRef.</summary>
    public GitCredentials? Credentials { get; init; }

    /// <summary>From spec.proxySecretRef; applies to http(s) URLs.</summary>
    public GitProxy? Proxy { get; init; }

    /// <summary>spec.timeout (default 60s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public bool RecurseSubmodules { get; init; }

    /// <summary>spec.sparseCheckout: directories to check out (cone mode).</summary>
    public IReadOnlyList<string> SparseCheckout { get; init; } = [];

    /// <summary>spec.ignore (null: Flux's default exclusions).</summary>
    public string? Ignore { get; init; }

    public IReadOnlyList<GitInclude> Include { get; init; } = [];

    public GitVerification? Verify { get; init; }

    /// <summary>Whether plain http:// URLs are acceptable.</summary>
    public bool AllowInsecureHttp { get; init; }

    /// <summary>status.artifact from the last successful reconcile.</summary>
    public Artifact? CurrentArtifact { get; init; }

    /// <summary>The <see cref="GitRepositoryResult.ContentConfig"/> the current artifact was built with.</summary>
    public string? ObservedContentConfig { get; init; }
}
