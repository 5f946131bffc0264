using System.Security.Cryptography;
using System.Text;
using Gyre.Sources.Artifacts;
using Gyre.Sources.Ignore;

namespace Gyre.Sources.Git;

/// <summary>
/// The GitRepository fetch pipeline, in source-controller's order: ask the remote for the revision (one ls-remote),
/// stop when it and the content configuration are unchanged and the artifact is still stored (no disk writes), else
/// fetch shallow, verify signatures, copy includes, apply ignore rules, archive, store.
/// </summary>
public sealed class GitRepositorySource
{
    private readonly ArtifactStore _store;
    private readonly string _workDirectory;
    private readonly SecretFileCache _secrets;
    private readonly GitCommand _git;

    /// <param name="store">Where artifacts go.</param>
    /// <param name="workDirectory">Scratch space for checkouts (deleted after each fetch).</param>
    /// <param name="secrets">Where SSH keys, known_hosts and CA files are materialised.</param>
    /// <param name="gitExecutable">The git CLI.</param>
    public GitRepositorySource(ArtifactStore store, string workDirectory, SecretFileCache secrets, string gitExecutable = "git")
    {
        _store = store;
        _workDirectory = workDirectory;
        _secrets = secrets;
        _git = new GitCommand(gitExecutable);
    }

    /// <summary>Brings the GitRepository's artifact up to date with the remote.</summary>
    public async Task<GitRepositoryResult> ReconcileAsync(GitRepositoryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var location = UrlRedactor.Redact(request.Url);
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url))
        {
            throw new SourceException(location, "invalid URL", "it is not an absolute URL", SourceReasons.UrlInvalid);
        }

        if (url.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            throw new SourceException(location, "invalid URL", "it contains a password; put credentials in the secretRef Secret", SourceReasons.UrlInvalid);
        }

        request.Reference.Validate(location);
        var unavailable = request.Include.FirstOrDefault(i => i.Artifact is null || !_store.Exists(i.Artifact));
        if (unavailable is not null)
        {
            throw new SourceException(location, "including artifacts", $"GitRepository '{unavailable.RepositoryName}' has no stored artifact yet",
                SourceReasons.IncludeUnavailable, isTransient: true);
        }

        var environment = GitAuthentication.Prepare(url, location, request.Credentials, request.Proxy, request.AllowInsecureHttp, _secrets);
        var contentConfig = ContentConfig(request);
        var target = await ResolveAsync(request, location, environment, cancellationToken).ConfigureAwait(false);
        if (target.Commit is not null && request.CurrentArtifact is { } current && current.Revision == target.Revision
            && contentConfig == request.ObservedContentConfig && _store.Exists(current))
        {
            return new GitRepositoryResult { Artifact = current, Changed = false, ContentConfig = contentConfig, IncludedArtifacts = Included(request) };
        }

        return await BuildAsync(request, location, target, environment, contentConfig, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ResolvedRef> ResolveAsync(GitRepositoryRequest request, string location, GitEnvironment environment, CancellationToken cancellationToken)
    {
        var reference = request.Reference;
        if (reference.Commit is { } commit)
        {
            // The revision is fully determined by the spec: no round trip needed to know whether it changed.
            return new ResolvedRef(null, reference.Branch, commit);
        }

        // Protocol v0 advertises refs in the first response: one HTTP request instead of v2's two (capabilities,
        // then ls-refs), which is what makes an unchanged remote cost a single round trip.
        var patterns = GitRefResolver.Patterns(reference);
        string[] args = patterns.Count == 0
            ? ["-c", "protocol.version=0", "ls-remote", "--tags", "--", request.Url]
            : ["-c", "protocol.version=0", "ls-remote", "--", request.Url, .. patterns];
        var listing = await _git.RunAsync(location, "git ls-remote", null, args, environment, request.Timeout, cancellationToken).ConfigureAwait(false);
        return GitRefResolver.Resolve(reference, RemoteRefs.Parse(listing.StandardOutput), location);
    }

    private async Task<GitRepositoryResult> BuildAsync(
        GitRepositoryRequest request, string location, ResolvedRef target, GitEnvironment environment, string contentConfig,
        CancellationToken cancellationToken)
    {
        var checkout = Path.Combine(_workDirectory, "git-" + Guid.NewGuid().ToString("N"));
        try
        {
            var commit = await new GitCheckout(_git).FetchAsync(checkout, request.Url, location, target, request, environment, cancellationToken)
                .ConfigureAwait(false);
            var resolved = target with { Commit = commit };
            string? verified = null;
            if (request.Verify is { } verify)
            {
                var tagRef = target.FetchRef is { } r && r.StartsWith("refs/tags/", StringComparison.Ordinal) ? r : null;
                verified = await new GitSignatureVerifier(_git)
                    .VerifyAsync(checkout, location, commit, tagRef, verify, environment, request.Timeout, cancellationToken).ConfigureAwait(false);
            }

            foreach (var include in request.Include)
            {
                await CopyIncludeAsync(include, checkout, location, cancellationToken).ConfigureAwait(false);
            }

            var ignore = SourceIgnore.Load(checkout, request.Ignore);
            var artifact = await _store.ArchiveAsync(request.Key, commit + ".tar.gz", resolved.Revision, checkout, ignore.IsIgnored, null, cancellationToken)
                .ConfigureAwait(false);
            _store.GarbageCollect(artifact);
            return new GitRepositoryResult
            {
                Artifact = artifact,
                Changed = true,
                ContentConfig = contentConfig,
                IncludedArtifacts = Included(request),
                VerificationMessage = verified,
            };
        }
        finally
        {
            DeleteTree(checkout);
        }
    }

    private async Task CopyIncludeAsync(GitInclude include, string checkout, string location, CancellationToken cancellationToken)
    {
        var toPath = string.IsNullOrEmpty(include.ToPath) ? include.RepositoryName : include.ToPath;
        var unpacked = checkout + ".include-" + Guid.NewGuid().ToString("N");
        try
        {
            var archive = File.OpenRead(_store.LocalPath(include.Artifact!.Path)); // checked non-null before the fetch
            await using (archive.ConfigureAwait(false))
            {
                await ArchiveExtractor.ExtractAsync(archive, unpacked, include.Artifact.Path, ExtractionLimits.Default, cancellationToken).ConfigureAwait(false);
            }

            var from = Path.GetFullPath(Path.Combine(unpacked, include.FromPath.TrimStart('/')));
            var to = Path.GetFullPath(Path.Combine(checkout, toPath.TrimStart('/')));
            if (!IsInside(unpacked, from) || !IsInside(checkout, to) || to == Path.GetFullPath(checkout))
            {
                throw new SourceException(location, $"including '{include.RepositoryName}'", "fromPath and toPath must stay inside the artifacts", SourceReasons.IncludeUnavailable);
            }

            if (!Directory.Exists(from))
            {
                throw new SourceException(location, $"including '{include.RepositoryName}'", $"fromPath '{include.FromPath}' does not exist in its artifact", SourceReasons.IncludeUnavailable);
            }

            // As Flux: the included content replaces whatever the repository had at toPath.
            DeleteTree(to);
            CopyTree(from, to);
        }
        finally
        {
            DeleteTree(unpacked);
        }
    }

    private static List<Artifact> Included(GitRepositoryRequest request) =>
        request.Include.Select(i => i.Artifact!).ToList();

    /// <summary>
    /// A digest of the spec fields that shape the artifact's content beyond the revision (ignore, recurseSubmodules,
    /// sparseCheckout, include and the included artifacts). A reconciler that keeps Flux's observedIgnore,
    /// observedRecurseSubmodules, observedSparseCheckout and observedInclude in status recomputes the observed value by
    /// calling this with a request built from those fields.
    /// </summary>
    public static string ContentConfig(GitRepositoryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = new StringBuilder();
        text.Append("ignore=").Append(request.Ignore ?? "<default>").Append('\n');
        text.Append("submodules=").Append(request.RecurseSubmodules).Append('\n');
        text.Append("sparse=").Append(string.Join(',', request.SparseCheckout)).Append('\n');
        foreach (var include in request.Include)
        {
            text.Append("include=").Append(include.RepositoryName).Append('|').Append(include.FromPath).Append('|')
                .Append(include.ToPath).Append('|').Append(include.Artifact?.Digest).Append('\n');
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static bool IsInside(string root, string path)
    {
        var full = Path.GetFullPath(root);
        return path == full || path.StartsWith(full + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }

    private static void DeleteTree(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
