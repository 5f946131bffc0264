namespace Gyre.Sources.Git;

/// <summary>
/// Fetches one revision into an empty directory with as little transfer as the ref allows: a shallow
/// (<c>--depth=1</c>) single-ref fetch, sparse checkout in cone mode, and submodules fetched shallow too.
/// Every value that comes from the spec is either validated or placed after <c>--</c> / in a config value.
/// </summary>
internal sealed class GitCheckout(GitCommand git)
{
    private const string FetchedRef = "refs/gyre/fetched";

    public async Task<string> FetchAsync(
        string directory, string url, string location, ResolvedRef target, GitRepositoryRequest request, GitEnvironment environment,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        async Task<GitCommandResult> Git(string what, params string[] args) =>
            await git.RunAsync(location, what, directory, args, environment, request.Timeout, cancellationToken).ConfigureAwait(false);

        await Git("git init", "init", "-q").ConfigureAwait(false);
        await Git("git config", "config", "remote.origin.url", url).ConfigureAwait(false);
        if (request.SparseCheckout.Count > 0)
        {
            ValidateSparsePaths(request.SparseCheckout, location);
            await Git("git sparse-checkout", ["sparse-checkout", "set", "--cone", "--", .. request.SparseCheckout]).ConfigureAwait(false);
        }

        string commit;
        if (target.FetchRef is null)
        {
            commit = await FetchCommitAsync(Git, target.Commit!, request.Reference.Branch).ConfigureAwait(false); // bare commit refs always carry one
        }
        else
        {
            // Tags are fetched under their own name so the tag object is there for verify-tag.
            var destination = target.FetchRef.StartsWith("refs/tags/", StringComparison.Ordinal) ? target.FetchRef : FetchedRef;
            await Git("git fetch", "fetch", "-q", "--depth=1", "--no-tags", "origin", "+" + target.FetchRef + ":" + destination).ConfigureAwait(false);
            commit = (await Git("git rev-parse", "rev-parse", "--verify", "-q", destination + "^{commit}").ConfigureAwait(false)).StandardOutput.Trim();
        }

        await Git("git checkout", "checkout", "-q", "--detach", commit, "--").ConfigureAwait(false);
        if (request.RecurseSubmodules)
        {
            await Git("git submodule update", "submodule", "update", "-q", "--init", "--recursive", "--depth", "1").ConfigureAwait(false);
        }

        return commit;
    }

    private static async Task<string> FetchCommitAsync(Func<string, string[], Task<GitCommandResult>> git, string commit, string? branch)
    {
        try
        {
            // Protocol v2 servers hand out any reachable commit by id, so one shallow fetch is enough.
            await git("git fetch", ["fetch", "-q", "--depth=1", "--no-tags", "origin", commit]).ConfigureAwait(false);
        }
        catch (SourceException)
        {
            // Older servers only serve advertised refs: fetch the branch (or all branches) in full and look for the commit.
            var refspec = branch is null ? "+refs/heads/*:refs/remotes/origin/*" : $"+refs/heads/{branch}:refs/remotes/origin/{branch}";
            await git("git fetch", ["fetch", "-q", "--no-tags", "origin", refspec]).ConfigureAwait(false);
        }

        await git("git cat-file", ["cat-file", "-e", commit + "^{commit}"]).ConfigureAwait(false);
        return commit;
    }

    private static void ValidateSparsePaths(IReadOnlyList<string> paths, string location)
    {
        foreach (var path in paths)
        {
            if (path.Length == 0 || path.StartsWith('/') || path.Split('/').Any(p => p == "..") || path.Any(char.IsControl))
            {
                throw new SourceException(location, $"invalid spec.sparseCheckout entry '{path}'", "it must be a relative directory inside the repository",
                    SourceReasons.GitOperationFailed);
            }
        }
    }
}
