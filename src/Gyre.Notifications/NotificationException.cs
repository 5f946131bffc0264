namespace Gyre.Notifications;

/// <summary>
/// A notification could not be built or delivered: an invalid Provider or Alert, an event a provider cannot use, an
/// endpoint that refused the payload. <see cref="IsTransient"/> says whether retrying can help.
/// </summary>
public sealed class NotificationException : Exception
{
    public NotificationException(string where, string reason, bool isTransient = false, Exception? innerException = null)
        : base($"{where}: {reason}", innerException)
    {
        Where = where;
        Reason = reason;
        IsTransient = isTransient;
    }

    /// <summary>The object or provider the failure is about, e.g. "Provider flux-system/slack".</summary>
    public string Where { get; }

    public string Reason { get; }

    public bool IsTransient { get; }
}
