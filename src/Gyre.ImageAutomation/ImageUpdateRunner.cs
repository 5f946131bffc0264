using Gyre.ImageAutomation.Commit;
using Gyre.ImageAutomation.Git;
using Gyre.ImageAutomation.Setters;
using Gyre.Sources.Git;

namespace Gyre.ImageAutomation;

/// <summary>
/// image-automation-controller's run as named steps: validate the message template → skip when neither the source
/// revision nor the policies changed since the last run (one ls-remote) → clone the checkout ref →
/// apply the Setters strategy under update.path → nothing changed: done, no commit → render the message → commit
/// (signed when a key is given) → push to the branch and/or refspec.
/// </summary>
public sealed class ImageUpdateRunner(string workDirectory, SecretFileCache secrets, TimeProvider time)
{
    /// <param name="request">The run's inputs.</param>
    /// <param name="observed">The last successful run's observations (null: always clone).</param>
    /// <param name="cancellationToken">Cancels git and file work.</param>
    public async Task<AutomationRunResult> RunAsync(AutomationRunRequest request, ObservedRun? observed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.AuthorEmail.Length == 0)
        {
            throw new ImageAutomationException("spec.git.commit.author.email", "reading the commit author", "it is required",
                ImageAutomationReasons.InvalidSourceConfiguration);
        }

        // A template that can never render stalls before any clone (Flux: RemovedTemplateField).
        CommitMessage.Render(request.MessageTemplate, request.MessageTemplateValues, request.AutomationNamespace, request.AutomationName, UpdateResult.Empty);
        if (observed is not null && observed.SamePolicies(request.Policies)
            && await AutomationCheckout.RemoteRevisionAsync(request.Git, secrets, cancellationToken).ConfigureAwait(false) == observed.SourceRevision)
        {
            return new AutomationRunResult(observed.SourceRevision, UpdateResult.Empty, null, null) { Skipped = true };
        }

        Directory.CreateDirectory(workDirectory);
        using var checkout = await AutomationCheckout.CloneAsync(request.Git, workDirectory, secrets, cancellationToken).ConfigureAwait(false);
        var changes = await SetterUpdate.ApplyAsync(checkout.WorkTree, request.UpdatePath, request.Policies, cancellationToken).ConfigureAwait(false);
        if (changes.IsEmpty)
        {
            return new AutomationRunResult(checkout.SourceRevision, changes, null, null);
        }

        var message = CommitMessage.Render(request.MessageTemplate, request.MessageTemplateValues, request.AutomationNamespace, request.AutomationName, changes);
        var author = new CommitSignature(request.AuthorName.Length == 0 ? request.AuthorEmail : request.AuthorName, request.AuthorEmail, time.GetUtcNow());
        var signer = request.SigningKey is { } key ? new CommitSigner(key, request.SigningPassphrase, workDirectory) : null;
        await using (signer)
        {
            var commit = await checkout.CommitAsync(changes.FileChanges.Keys, author, message, signer, cancellationToken).ConfigureAwait(false);
            if (commit is null)
            {
                return new AutomationRunResult(checkout.SourceRevision, UpdateResult.Empty, null, null);
            }

            var push = await checkout.PushAsync(commit, cancellationToken).ConfigureAwait(false);
            // Pushed onto the checkout branch: that commit is now the source revision, so the next run can skip.
            var revision = push.Branch is { } branch && branch == checkout.CheckoutBranch ? Sources.Artifacts.RevisionFormat.Git(branch, commit) : checkout.SourceRevision;
            return new AutomationRunResult(revision, changes, push, message);
        }
    }
}
