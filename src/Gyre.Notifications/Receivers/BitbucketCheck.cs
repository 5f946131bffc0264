namespace Gyre.Notifications.Receivers;

/// <summary>bitbucket (Bitbucket Server/Data Center): signed like GitHub (X-Hub-Signature), event in X-Event-Key.</summary>
internal static class BitbucketCheck
{
    public const string EventHeader = "X-Event-Key";

    public static ReceiverVerdict Verify(ReceiverSpec spec, string token, WebhookDelivery delivery)
    {
        var @event = delivery.Header(EventHeader);
        if (HubPayload.Validate(delivery, token, out var error) is not { } payload)
        {
            return ReceiverVerdict.Refuse($"the Bitbucket server signature header is invalid: {error}", @event);
        }

        return EventFilter.Allows(spec.Events, @event)
            ? ReceiverVerdict.Accept($"handling Bitbucket server event: {@event}", @event, payload)
            : ReceiverVerdict.Refuse($"the Bitbucket server event '{@event}' is not authorised", @event);
    }
}
