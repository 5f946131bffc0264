namespace Gyre.Cli.Up;

/// <summary>
/// The repository `gyre up` serves: a Git working copy whose committed HEAD (not the working tree) is what the
/// cluster gets, as it would from a remote. The shipped example fleet, which lives inside Gyre's own repository, is
/// first committed into a private repository of its own so that its paths are relative to its root.
/// </summary>
internal sealed record RepositorySnapshot(string Directory, string Branch, string Path)
{
    public static async Task<RepositorySnapshot> OpenAsync(string directory, string path, CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new UpException($"{directory}: no such directory; pass the path of a Git repository (gyre up REPO_DIR)");
        }

        var (code, top, _) = await GitProcess.RunAsync(directory, ["rev-parse", "--show-toplevel"], null, cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            throw new UpException($"{directory}: not a Git repository; run `git init` and commit your manifests, or pass another directory");
        }

        var (headCode, _, _) = await GitProcess.RunAsync(top, ["rev-parse", "--verify", "-q", "HEAD"], null, cancellationToken).ConfigureAwait(false);
        if (headCode != 0)
        {
            throw new UpException($"{top}: the repository has no commits yet; commit your manifests first (gyre serves the committed HEAD)");
        }

        var (branchCode, branch, _) = await GitProcess.RunAsync(top, ["symbolic-ref", "--short", "-q", "HEAD"], null, cancellationToken).ConfigureAwait(false);
        if (branchCode != 0)
        {
            throw new UpException($"{top}: HEAD is detached; check out a branch (gyre follows the current branch)");
        }

        var normalized = NormalizePath(path);
        if (normalized != "." && (await GitProcess.RunAsync(top, ["cat-file", "-e", "HEAD:" + normalized], null, cancellationToken).ConfigureAwait(false)).ExitCode != 0)
        {
            throw new UpException($"{top}: path '{normalized}' does not exist in the committed HEAD of branch {branch}; pass --path with a committed directory");
        }

        return new RepositorySnapshot(top, branch, normalized);
    }

    /// <summary>Commits a copy of <paramref name="source"/> into <paramref name="target"/> (a fresh repository) and opens it.</summary>
    public static async Task<RepositorySnapshot> SnapshotAsync(string source, string target, string path, CancellationToken cancellationToken)
    {
        if (System.IO.Directory.Exists(target))
        {
            System.IO.Directory.Delete(target, recursive: true);
        }

        CopyDirectory(source, target);
        var identity = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = "gyre",
            ["GIT_AUTHOR_EMAIL"] = "gyre@localhost",
            ["GIT_COMMITTER_NAME"] = "gyre",
            ["GIT_COMMITTER_EMAIL"] = "gyre@localhost",
        };
        foreach (var args in new[] { new[] { "init", "-q", "--initial-branch=main" }, ["add", "-A"], ["commit", "-q", "-m", "Snapshot of the example fleet"] })
        {
            var (code, _, error) = await GitProcess.RunAsync(target, args, identity, cancellationToken).ConfigureAwait(false);
            if (code != 0)
            {
                throw new UpException($"snapshotting {source} into {target} failed: git {args[0]}: {error}");
            }
        }

        return await OpenAsync(target, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The commit the branch points at now.</summary>
    public Task<string> HeadAsync(CancellationToken cancellationToken) => GitProcess.OutputAsync(Directory, cancellationToken, "rev-parse", "HEAD");

    private static string NormalizePath(string path)
    {
        var trimmed = path.Replace('\\', '/').Trim();
        while (trimmed.StartsWith("./", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }

        trimmed = trimmed.TrimEnd('/');
        if (trimmed.Length == 0 || trimmed == ".")
        {
            return ".";
        }

        if (trimmed.StartsWith('/') || trimmed.Split('/').Contains(".."))
        {
            throw new UpException($"--path '{path}' must be relative to the repository root and stay inside it");
        }

        return trimmed;
    }

    private static void CopyDirectory(string source, string target)
    {
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(source, file);
            var destination = System.IO.Path.Combine(target, relative);
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
