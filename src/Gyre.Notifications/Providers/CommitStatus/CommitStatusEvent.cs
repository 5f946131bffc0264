using System.Text;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.CommitStatus;

/// <summary>
/// What the Git commit-status providers need from an event, as notification-controller derives it: the commit
/// (`commit` &gt; `originRevision` &gt; `revision` metadata, the SHA after `@sha1:` or the legacy `branch/`), the
/// context `&lt;kind&gt;/&lt;name&gt;/&lt;first 8 of the provider UID&gt;` in lower case, and the reason as words.
/// </summary>
internal sealed record CommitStatusEvent(string Sha, string Context, string Description, bool Failed)
{
    /// <summary>
    /// Null when the event carries no commit status: progressing events, and info events other than the final
    /// `commit_status: update` one (so a change set does not mark a commit green before health checks pass).
    /// </summary>
    public static CommitStatusEvent? From(FluxEvent ev, ProviderSettings settings)
    {
        if (ev.Reason == "Progressing" || (!ev.IsError && ev.MetadataValue(EventMetadata.CommitStatus) != EventMetadata.CommitStatusUpdate))
        {
            return null;
        }

        var revision = ev.MetadataValue(EventMetadata.Commit) ?? ev.MetadataValue(EventMetadata.OriginRevision) ?? ev.MetadataValue(EventMetadata.Revision);
        if (revision is null || ShaOf(revision) is not { } sha)
        {
            return null;
        }

        var uid = settings.Uid is { Length: >= 8 } u ? "/" + u[..8] : string.Empty;
        var context = $"{ev.InvolvedObject.Kind}/{ev.InvolvedObject.Name}{uid}".ToLowerInvariant();
        return new CommitStatusEvent(sha, context, Words(ev.Reason), ev.IsError);
    }

    internal static string? ShaOf(string revision)
    {
        var at = revision.LastIndexOf('@');
        var digest = at >= 0 ? revision[(at + 1)..] : revision;
        if (digest.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
        {
            digest = digest[(colon + 1)..];
        }
        else if (digest.LastIndexOf('/') is var slash and >= 0)
        {
            digest = digest[(slash + 1)..];
        }

        return digest.Length >= 7 && digest.All(char.IsAsciiHexDigit) ? digest : null;
    }

    // "ReconciliationSucceeded" → "reconciliation succeeded", as Flux words the status description.
    private static string Words(string reason)
    {
        var text = new StringBuilder();
        foreach (var c in reason)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
