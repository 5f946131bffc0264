using Gyre.Kustomize.FileSystem;
using Gyre.Kustomize.Remote;

namespace Gyre.Kustomize.Build;

/// <summary>
/// Remote entries of one kustomization field: refused unless the build has a fetcher; otherwise http(s) files are
/// downloaded and git URLs cloned, with every failure naming the kustomization, the entry (credentials redacted) and why.
/// </summary>
internal sealed class RemoteResource(BuildSession session, string kustomizationFile, string field)
{
    // A downloaded resource file larger than this is refused (kustomize reads whole bodies; we bound them).
    private const int MaxDownloadChars = 32 * 1024 * 1024;

    public static bool Looks(string entry) =>
        entry.Contains("://", StringComparison.Ordinal) || entry.StartsWith("git@", StringComparison.Ordinal)
        || entry.StartsWith("github.com/", StringComparison.OrdinalIgnoreCase) || entry.StartsWith("github.com:", StringComparison.OrdinalIgnoreCase)
        || entry.StartsWith("gitlab.com/", StringComparison.Ordinal) || entry.StartsWith("bitbucket.org/", StringComparison.Ordinal)
        || entry.StartsWith("git::", StringComparison.OrdinalIgnoreCase);

    public static bool IsHttpUrl(string entry) =>
        entry.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || entry.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Credentials in URLs never reach a message.</summary>
    public static string Redact(string entry)
    {
        var scheme = entry.IndexOf("://", StringComparison.Ordinal);
        var at = scheme >= 0 ? entry.IndexOf('@', scheme) : -1;
        var slash = scheme >= 0 ? entry.IndexOf('/', scheme + 3) : -1;
        return at > scheme && (slash < 0 || at < slash) && entry[(scheme + 3)..at].Contains(':', StringComparison.Ordinal)
            ? entry[..(scheme + 3)] + "***" + entry[at..]
            : entry;
    }

    public KustomizeException Refuse(string entry) =>
        new(kustomizationFile, Redact(entry), field,
            "remote resources are refused by default; vendor the files into the source, or allow remote resources (gyre kustomize build --allow-remote)");

    private IRemoteFetcher Fetcher(string entry) => session.Options.RemoteFetcher ?? throw Refuse(entry);

    /// <summary>The body of an http(s) entry; null when the fetch failed and the entry may still be a repository.</summary>
    public string? TryDownload(string entry, bool mustSucceed)
    {
        var fetcher = Fetcher(entry);
        try
        {
            var text = fetcher.Download(new Uri(entry), session.CancellationToken);
            if (text.Length > MaxDownloadChars)
            {
                throw new KustomizeException(kustomizationFile, Redact(entry), field, $"the response is larger than {MaxDownloadChars / (1024 * 1024)} MiB");
            }

            return text;
        }
        catch (RemoteFetchException ex) when (!mustSucceed && ex.HttpStatus is not null)
        {
            return null;
        }
        catch (RemoteFetchException ex)
        {
            throw new KustomizeException(kustomizationFile, Redact(entry), field, $"fetching '{Redact(entry)}': {ex.Message}", ex);
        }
    }

    /// <summary>Clones the repository (once per build) and returns its kustomization root, checked to be a directory inside it.</summary>
    public string CloneRoot(GitRepoSpec spec)
    {
        var fetcher = Fetcher(spec.Raw);
        if (spec.HadForcedGitPrefix)
        {
            session.Warn("Warning: Forcing the git protocol using the 'git::' URL prefix is not supported. Kustomize currently strips this invalid prefix, but will stop doing so in a future release. Please remove the 'git::' prefix from your configuration.");
        }

        string directory;
        try
        {
            directory = session.Clone(spec, fetcher);
        }
        catch (RemoteFetchException ex)
        {
            throw new KustomizeException(kustomizationFile, Redact(spec.Raw), field,
                $"cloning '{Redact(spec.CloneUrl)}'{(spec.Ref.Length > 0 ? " at ref '" + spec.Ref + "'" : "")}: {ex.Message}", ex);
        }

        var root = PathText.Join(directory, spec.KustRootPath);
        if (session.FileSystem.IsFile(root))
        {
            throw new KustomizeException(kustomizationFile, Redact(spec.Raw), field,
                $"'{spec.KustRootPath}' in '{Redact(spec.CloneUrl)}' is a file; a remote entry must name a directory holding a kustomization");
        }

        if (!session.FileSystem.IsDirectory(root))
        {
            throw new KustomizeException(kustomizationFile, Redact(spec.Raw), field,
                $"'{Redact(spec.CloneUrl)}'{(spec.Ref.Length > 0 ? " at ref '" + spec.Ref + "'" : "")} has no directory '{spec.KustRootPath}'; check the path after '//'");
        }

        if (!PathText.IsWithin(session.FileSystem.ResolveLinks(root), session.FileSystem.ResolveLinks(directory)))
        {
            throw new KustomizeException(kustomizationFile, Redact(spec.Raw), field,
                $"'{spec.KustRootPath}' leads outside the repository '{Redact(spec.CloneUrl)}' through a symbolic link");
        }

        return root;
    }

    /// <summary>
    /// Runs the build of a cloned root; a failure inside it is reported against this kustomization's entry, with the
    /// temporary clone directory shown as the URL it came from.
    /// </summary>
    public void Within(GitRepoSpec spec, string root, Action build)
    {
        try
        {
            build();
        }
        catch (KustomizeException ex)
        {
            var clone = session.CheckoutOf(root)?.Directory ?? root;
            var inner = ex.Message.Replace(clone, Redact(spec.CloneUrl) + "/", StringComparison.Ordinal);
            throw new KustomizeException(kustomizationFile, Redact(spec.Raw), field, "in the remote base: " + inner, ex);
        }
    }
}
