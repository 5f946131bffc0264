using Gyre.Cli.Flux;
using Gyre.Sources;
using Gyre.Sources.Git;

namespace Gyre.Cli.Bootstrap;

/// <summary>
/// The local clone `gyre bootstrap git` commits to: cloned from the remote branch (or started empty when the branch
/// does not exist yet), written, committed only when something changed, and pushed. git runs with the same hermetic,
/// credential-safe environment as the source controller (no global config, no prompts, host keys always verified).
/// </summary>
internal sealed class BootstrapRepository : IDisposable
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromMinutes(2);
    private readonly BootstrapOptions _options;
    private readonly string _root = Directory.CreateTempSubdirectory("gyre-bootstrap-").FullName;
    private readonly GitEnvironment _environment;
    private readonly GitCommand _git = new();
    private readonly string _location;

    public BootstrapRepository(BootstrapOptions options, GitCredentials credentials)
    {
        _options = options;
        _location = UrlRedactor.Redact(options.Url.OriginalString);
        try
        {
            _environment = GitAuthentication.Prepare(options.Url, _location, credentials, null, options.AllowInsecureHttp,
                new SecretFileCache(Path.Combine(_root, "auth")));
        }
        catch (SourceException ex)
        {
            Dispose();
            throw new CommandException($"bootstrap git: {ex.Message}" + (options.Url.Scheme == "http" ? " (--allow-insecure-http)" : string.Empty));
        }

        WorkTree = Path.Combine(_root, "repo");
        Directory.CreateDirectory(WorkTree);
    }

    public string WorkTree { get; }

    /// <summary>Fetches the branch and checks it out; returns false when the remote has no such branch (a fresh start).</summary>
    public async Task<bool> CloneAsync(CancellationToken cancellationToken)
    {
        await RunAsync("initializing the clone", cancellationToken, "init", "-q").ConfigureAwait(false);
        await RunAsync("adding the remote", cancellationToken, "remote", "add", "origin", _options.Url.OriginalString).ConfigureAwait(false);
        var heads = await RunAsync("listing the remote branches", cancellationToken, "ls-remote", "--heads", "origin", "refs/heads/" + _options.Branch).ConfigureAwait(false);
        if (heads.Trim().Length == 0)
        {
            await RunAsync("starting the branch", cancellationToken, "checkout", "-q", "--orphan", _options.Branch).ConfigureAwait(false);
            return false;
        }

        await RunAsync("fetching the branch", cancellationToken, "fetch", "-q", "origin", $"+refs/heads/{_options.Branch}:refs/remotes/origin/{_options.Branch}").ConfigureAwait(false);
        await RunAsync("checking out the branch", cancellationToken, "checkout", "-q", "-B", _options.Branch, "origin/" + _options.Branch).ConfigureAwait(false);
        return true;
    }

    /// <summary>Writes the files (path relative to the repository root → content) and commits them if anything changed; returns the new commit or null.</summary>
    public async Task<string?> CommitAsync(IReadOnlyDictionary<string, string> files, string message, CancellationToken cancellationToken)
    {
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(WorkTree, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, content, cancellationToken).ConfigureAwait(false);
            await RunAsync("staging " + path, cancellationToken, "add", "--", path).ConfigureAwait(false);
        }

        var status = await RunAsync("comparing with the branch", cancellationToken, "status", "--porcelain", "--untracked-files=no").ConfigureAwait(false);
        if (status.Trim().Length == 0)
        {
            return null;
        }

        var fullMessage = _options.CommitMessageAppendix is { Length: > 0 } appendix ? message + "\n\n" + appendix : message;
        await RunAsync("committing", cancellationToken, "-c", "user.name=" + _options.AuthorName, "-c", "user.email=" + _options.AuthorEmail,
            "-c", "commit.gpgSign=false", "commit", "-q", "-m", fullMessage).ConfigureAwait(false);
        return (await RunAsync("reading the commit", cancellationToken, "rev-parse", "HEAD").ConfigureAwait(false)).Trim();
    }

    public Task PushAsync(CancellationToken cancellationToken) =>
        RunAsync("pushing to the remote", cancellationToken, "push", "-q", "origin", $"HEAD:refs/heads/{_options.Branch}");

    private async Task<string> RunAsync(string what, CancellationToken cancellationToken, params string[] arguments)
    {
        try
        {
            var result = await _git.RunAsync(_location, what, WorkTree, arguments, _environment, GitTimeout, cancellationToken).ConfigureAwait(false);
            return result.StandardOutput;
        }
        catch (SourceException ex)
        {
            throw new CommandException($"bootstrap git: {ex.Message}; check the URL, the branch and that the credentials may push to it");
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
