namespace Gyre.Notifications.Receivers;

/// <summary>gitlab: X-Gitlab-Token must equal the token; X-Gitlab-Event must be in spec.events when that is set.</summary>
internal static class GitLabCheck
{
    public const string TokenHeader = "X-Gitlab-Token";
    public const string EventHeader = "X-Gitlab-Event";

    public static ReceiverVerdict Verify(ReceiverSpec spec, string token, WebhookDelivery delivery)
    {
        var @event = delivery.Header(EventHeader);
        if (!SecretComparison.Equal(delivery.Header(TokenHeader), token))
        {
            return ReceiverVerdict.Refuse("the X-Gitlab-Token header value does not match the receiver token", @event);
        }

        return EventFilter.Allows(spec.Events, @event)
            ? ReceiverVerdict.Accept($"handling GitLab event: {@event}", @event, delivery.Body)
            : ReceiverVerdict.Refuse($"the GitLab event '{@event}' is not authorised", @event);
    }
}
