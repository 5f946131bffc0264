namespace Gyre.Notifications.Receivers;

/// <summary>
/// The outcome of checking a delivery against its Receiver: accepted (with the event name, whether to trigger the
/// resources, and the body the resourceFilter sees as <c>req</c>) or refused with the reason, which names the check
/// that failed and never contains the token.
/// </summary>
public sealed record ReceiverVerdict
{
    public required bool Accepted { get; init; }

    /// <summary>What happened, for the log: "handling GitHub event: push" or why the delivery was refused.</summary>
    public required string Message { get; init; }

    /// <summary>The event named by the delivery (X-GitHub-Event, X-Gitlab-Event, X-Event-Key, Ce-Type), if any.</summary>
    public string? Event { get; init; }

    /// <summary>False for deliveries that are answered but trigger nothing (GitHub's ping).</summary>
    public bool Trigger { get; init; } = true;

    /// <summary>The JSON the resourceFilter sees as <c>req</c> (for gcr, the unwrapped Pub/Sub message); null for none.</summary>
    public byte[]? FilterBody { get; init; }

    public static ReceiverVerdict Accept(string message, string? @event = null, byte[]? filterBody = null) =>
        new() { Accepted = true, Message = message, Event = @event, FilterBody = filterBody };

    public static ReceiverVerdict Refuse(string message, string? @event = null) =>
        new() { Accepted = false, Message = message, Event = @event, Trigger = false };
}
