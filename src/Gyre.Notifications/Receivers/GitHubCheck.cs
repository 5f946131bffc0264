namespace Gyre.Notifications.Receivers;

/// <summary>
/// github: the delivery must be signed with the token (X-Hub-Signature-256 or X-Hub-Signature) and its
/// X-GitHub-Event must be in spec.events when that is set. A signed <c>ping</c> (sent when the webhook is created)
/// is answered with success and triggers nothing.
/// </summary>
internal static class GitHubCheck
{
    public const string EventHeader = "X-GitHub-Event";

    public static ReceiverVerdict Verify(ReceiverSpec spec, string token, WebhookDelivery delivery)
    {
        var @event = delivery.Header(EventHeader);
        if (HubPayload.Validate(delivery, token, out var error) is not { } payload)
        {
            return ReceiverVerdict.Refuse($"the GitHub signature header is invalid: {error}", @event);
        }

        if (string.Equals(@event, "ping", StringComparison.OrdinalIgnoreCase))
        {
            return new ReceiverVerdict { Accepted = true, Message = "handling GitHub ping", Event = @event, Trigger = false };
        }

        return EventFilter.Allows(spec.Events, @event)
            ? ReceiverVerdict.Accept($"handling GitHub event: {@event}", @event, payload)
            : ReceiverVerdict.Refuse($"the GitHub event '{@event}' is not authorised", @event);
    }
}
