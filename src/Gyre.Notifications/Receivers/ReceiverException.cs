namespace Gyre.Notifications.Receivers;

/// <summary>A Receiver that cannot work as written (invalid spec, invalid resourceFilter); <see cref="Where"/> names it.</summary>
public sealed class ReceiverException : Exception
{
    public ReceiverException(string where, string what, string why)
        : base($"{where}: {what}: {why}")
    {
        Where = where;
    }

    public ReceiverException(string where, string what, string why, Exception inner)
        : base($"{where}: {what}: {why}", inner)
    {
        Where = where;
    }

    /// <summary>The object or field the error is about, e.g. <c>Receiver/apps/github</c>.</summary>
    public string Where { get; }
}
