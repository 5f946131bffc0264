using System.Text.RegularExpressions;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Alerts;

/// <summary>
/// Whether an Alert forwards an event, in notification-controller's order: not suspended, severity (an `error` Alert
/// takes only errors; trace events never leave the cluster), a matching event source (kind, namespace defaulting
/// to the Alert's, name glob, labels), then the inclusion list (one must match) and the exclusion list (none may).
/// </summary>
public static class AlertMatcher
{
    public static async ValueTask<bool> MatchesAsync(AlertSpec alert, FluxEvent ev, ObjectLabelsLookup? labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(ev);
        if (alert.Suspend || ev.Severity == EventSeverity.Trace)
        {
            return false;
        }

        if (alert.EventSeverity == EventSeverity.Error && !ev.IsError)
        {
            return false;
        }

        var matched = false;
        foreach (var source in alert.EventSources)
        {
            if (await SourceMatchesAsync(alert, source, ev, labels, cancellationToken).ConfigureAwait(false))
            {
                matched = true;
                break;
            }
        }

        return matched && MessageAllowed(alert, ev.Message);
    }

    internal static bool MessageAllowed(AlertSpec alert, string message)
    {
        if (alert.InclusionList.Count > 0 && !alert.InclusionList.Any(r => IsMatch(r, message)))
        {
            return false;
        }

        return !alert.ExclusionList.Any(r => IsMatch(r, message));
    }

    private static async ValueTask<bool> SourceMatchesAsync(
        AlertSpec alert, EventSource source, FluxEvent ev, ObjectLabelsLookup? labels, CancellationToken cancellationToken)
    {
        var involved = ev.InvolvedObject;
        if (!string.Equals(source.Kind, involved.Kind, StringComparison.Ordinal)
            || (source.Namespace ?? alert.Namespace) != (involved.Namespace ?? string.Empty)
            || !source.NameMatches(involved.Name))
        {
            return false;
        }

        if (source.MatchLabels.Count == 0)
        {
            return true;
        }

        var actual = labels is null ? null : await labels(involved, cancellationToken).ConfigureAwait(false);
        return actual is not null && source.MatchLabels.All(l => actual.TryGetValue(l.Key, out var v) && v == l.Value);
    }

    // A pathological pattern times out rather than stalling the pipeline; it counts as no match.
    private static bool IsMatch(Regex regex, string message)
    {
        try
        {
            return regex.IsMatch(message);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
