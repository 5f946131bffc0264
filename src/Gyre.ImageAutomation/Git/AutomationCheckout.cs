using System.Globalization;
using Gyre.Sources;
using Gyre.Sources.Git;

namespace Gyre.ImageAutomation.Git;

/// <summary>
/// The working clone one automation run edits: cloned shallow at the checkout ref (or at the push branch when it
/// already exists and differs, so automation commits build on each other, as Flux's SwitchBranch does), committed
/// with the automation's author, pushed to the branch and/or refspec. git runs through Gyre.Sources' hermetic,
/// credential-safe environment. Disposing deletes the clone.
/// </summary>
public sealed class AutomationCheckout : IDisposable
{
    private readonly AutomationGitRequest _request;
    private readonly GitEnvironment _environment;
    private readonly GitCommand _git = new();
    private readonly string _root;

    private AutomationCheckout(AutomationGitRequest request, GitEnvironment environment, string root, string location)
    {
        _request = request;
        _environment = environment;
        _root = root;
        Location = location;
        WorkTree = Path.Combine(root, "repo");
    }

    /// <summary>The redacted URL, for messages.</summary>
    public string Location { get; }

    /// <summary>The checked out files.</summary>
    public string WorkTree { get; }

    /// <summary>The commit the run started from.</summary>
    public string BaseCommit { get; private set; } = "";

    /// <summary>The checkout ref's revision (<c>&lt;ref&gt;@sha1:&lt;commit&gt;</c>): status.observedSourceRevision.</summary>
    public string SourceRevision { get; private set; } = "";

    /// <summary>The branch pushed to (null when only a refspec is pushed).</summary>
    public string? PushBranch { get; private set; }

    /// <summary>The checkout ref's branch (null for a tag, semver, name or bare commit).</summary>
    public string? CheckoutBranch { get; private set; }

    /// <summary>
    /// The checkout ref's current revision on the remote (one ls-remote, no clone), compared with
    /// status.observedSourceRevision to skip runs that cannot change anything.
    /// </summary>
    public static async Task<string> RemoteRevisionAsync(AutomationGitRequest request, SecretFileCache secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var location = UrlRedactor.Redact(request.Url);
        try
        {
            var url = request.Validate(location);
            if (request.Checkout.Commit is { } pinned)
            {
                return Gyre.Sources.Artifacts.RevisionFormat.Git(request.Checkout.Branch, pinned);
            }

            var environment = GitAuthentication.Prepare(url, location, request.Credentials, request.Proxy, request.AllowInsecureHttp, secrets);
            var listing = await new GitCommand().RunAsync(location, "git ls-remote", null, ["-c", "protocol.version=0", "ls-remote", "--", request.Url],
                environment, request.Timeout, cancellationToken).ConfigureAwait(false);
            return Resolve(request.Checkout, RemoteRefs.Parse(listing.StandardOutput), location).Revision;
        }
        catch (SourceException ex)
        {
            throw GitFailure.From(ex);
        }
    }

    /// <summary>Clones into a fresh directory under <paramref name="workDirectory"/>.</summary>
    public static async Task<AutomationCheckout> CloneAsync(
        AutomationGitRequest request, string workDirectory, SecretFileCache secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var location = UrlRedactor.Redact(request.Url);
        var root = Path.Combine(workDirectory, "iua-" + Guid.NewGuid().ToString("N"));
        AutomationCheckout? checkout = null;
        try
        {
            var url = request.Validate(location);
            var environment = GitAuthentication.Prepare(url, location, request.Credentials, request.Proxy, request.AllowInsecureHttp, secrets);
            checkout = new AutomationCheckout(request, environment, root, location);
            Directory.CreateDirectory(checkout.WorkTree);
            await checkout.FetchAsync(cancellationToken).ConfigureAwait(false);
            return checkout;
        }
        catch (SourceException ex)
        {
            checkout?.Dispose();
            throw GitFailure.From(ex);
        }
        catch
        {
            checkout?.Dispose();
            throw;
        }
    }

    /// <summary>Stages <paramref name="files"/> (relative paths) and commits; null when the tree did not change.</summary>
    public async Task<string?> CommitAsync(
        IEnumerable<string> files, CommitSignature author, string message, CommitSigner? signer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(author);
        try
        {
            await RunAsync("git add", cancellationToken, ["add", "--", .. files]).ConfigureAwait(false);
            var status = await RunAsync("git status", cancellationToken, "status", "--porcelain", "--untracked-files=no").ConfigureAwait(false);
            if (status.Trim().Length == 0)
            {
                return null;
            }

            var date = "@" + author.When.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + " +0000";
            _environment.Variable("GIT_AUTHOR_NAME", author.Name).Variable("GIT_AUTHOR_EMAIL", author.Email).Variable("GIT_AUTHOR_DATE", date)
                .Variable("GIT_COMMITTER_NAME", author.Name).Variable("GIT_COMMITTER_EMAIL", author.Email).Variable("GIT_COMMITTER_DATE", date);
            string[] sign = signer is null ? ["-c", "commit.gpgSign=false"] : await signer.ConfigureAsync(_environment, cancellationToken).ConfigureAwait(false);
            await RunAsync("git commit", cancellationToken, [.. sign, "commit", "-q", signer is null ? "--no-gpg-sign" : "-S", "-m", message]).ConfigureAwait(false);
            return (await RunAsync("git rev-parse", cancellationToken, "rev-parse", "HEAD").ConfigureAwait(false)).Trim();
        }
        catch (SourceException ex)
        {
            throw GitFailure.From(ex);
        }
    }

    /// <summary>Pushes HEAD to the push branch, then the refspec; a remote that moved on is reported as such.</summary>
    public async Task<PushResult> PushAsync(string commit, CancellationToken cancellationToken)
    {
        string[] options = [.. _request.PushOptions.OrderBy(o => o.Key, StringComparer.Ordinal)
            .SelectMany(o => new[] { "-o", o.Value.Length == 0 ? o.Key : o.Key + "=" + o.Value })];
        try
        {
            if (PushBranch is { } branch)
            {
                await PushOneAsync([.. options, "origin", "HEAD:refs/heads/" + branch], branch, cancellationToken).ConfigureAwait(false);
            }

            if (_request.PushRefspec is { } refspec)
            {
                await RunAsync("git push (refspec)", cancellationToken, ["push", "-q", .. options, "origin", refspec]).ConfigureAwait(false);
            }
        }
        catch (SourceException ex)
        {
            throw GitFailure.From(ex);
        }

        return new PushResult(commit, PushBranch, _request.PushRefspec);
    }

    private async Task PushOneAsync(string[] arguments, string branch, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync("git push", cancellationToken, ["push", "-q", .. arguments]).ConfigureAwait(false);
        }
        catch (SourceException ex)
        {
            // Find out whether the branch moved since the clone (state, not git's wording, decides the message).
            var heads = RemoteRefs.Parse(await RunAsync("git ls-remote", cancellationToken, "-c", "protocol.version=0", "ls-remote", "origin", "refs/heads/" + branch)
                .ConfigureAwait(false));
            if (heads.CommitOf("refs/heads/" + branch) is { } head && head != BaseCommit)
            {
                throw new ImageAutomationException(Location, $"pushing to branch '{branch}'",
                    $"the push was rejected because the branch moved to '{head[..Math.Min(7, head.Length)]}' since the clone (not a fast-forward); the next run starts from a fresh clone",
                    ImageAutomationReasons.GitOperationFailed, isTransient: true, inner: ex);
            }

            throw;
        }
    }

    private async Task FetchAsync(CancellationToken cancellationToken)
    {
        var checkout = _request.Checkout;
        await RunAsync("git init", cancellationToken, "init", "-q").ConfigureAwait(false);
        await RunAsync("git config", cancellationToken, "config", "remote.origin.url", _request.Url).ConfigureAwait(false);
        var refs = RemoteRefs.Parse(await RunAsync("git ls-remote", cancellationToken, "-c", "protocol.version=0", "ls-remote", "origin").ConfigureAwait(false));
        var target = Resolve(checkout, refs, Location);
        var checkoutBranch = CheckoutBranch = target.FetchRef is { } r && r.StartsWith("refs/heads/", StringComparison.Ordinal) ? r["refs/heads/".Length..]
            : target.FetchRef is null ? checkout.Branch : null;
        PushBranch = _request.PushBranch ?? (_request.PushRefspec is null ? checkoutBranch : null);
        if (PushBranch is null && _request.PushRefspec is null)
        {
            throw new ImageAutomationException(Location, "choosing the push branch",
                "the checkout ref is not a branch; set spec.git.push.branch or spec.git.push.refspec", ImageAutomationReasons.InvalidSourceConfiguration);
        }

        // Flux's SwitchBranch: an existing, different push branch is the base, so earlier automation commits are kept.
        var fetchRef = target.FetchRef ?? target.Commit!;
        if (PushBranch is { } push && push != checkoutBranch && refs.CommitOf("refs/heads/" + push) is not null)
        {
            fetchRef = "refs/heads/" + push;
        }

        await RunAsync("git fetch", cancellationToken, "fetch", "-q", "--depth=1", "--no-tags", "origin", fetchRef).ConfigureAwait(false);
        BaseCommit = (await RunAsync("git rev-parse", cancellationToken, "rev-parse", "--verify", "-q", "FETCH_HEAD^{commit}").ConfigureAwait(false)).Trim();
        var local = PushBranch ?? checkoutBranch ?? "gyre-automation";
        await RunAsync("git checkout", cancellationToken, "checkout", "-q", "-B", local, BaseCommit, "--").ConfigureAwait(false);
        var sourceCommit = target.Commit ?? BaseCommit;
        SourceRevision = Gyre.Sources.Artifacts.RevisionFormat.Git(target.RevisionName, sourceCommit);
    }

    private static ResolvedRef Resolve(GitReference checkout, RemoteRefs refs, string location) =>
        checkout.Commit is { } pinned ? new ResolvedRef(null, checkout.Branch, pinned) : GitRefResolver.Resolve(checkout, refs, location);

    private async Task<string> RunAsync(string what, CancellationToken cancellationToken, params string[] arguments) =>
        (await _git.RunAsync(Location, what, WorkTree, arguments, _environment, _request.Timeout, cancellationToken).ConfigureAwait(false)).StandardOutput;

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
