namespace Gyre.Notifications.Receivers;

/// <summary>
/// Decides whether a delivery to a Receiver's path is genuine, per spec.type, as notification-controller's
/// validate does. Pure: the token, the delivery, Google's keys and the clock are all parameters.
/// </summary>
public sealed class ReceiverVerifier
{
    private readonly TimeProvider _time;

    public ReceiverVerifier(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Checks <paramref name="delivery"/>; <paramref name="googleKeys"/> is needed only for gcr.</summary>
    public ReceiverVerdict Verify(ReceiverSpec spec, string token, WebhookDelivery delivery, GoogleSigningKeys? googleKeys = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(delivery);
        return spec.Type switch
        {
            // The path is derived from the token, so reaching it is the proof.
            ReceiverTypes.Generic => ReceiverVerdict.Accept("handling generic event", filterBody: delivery.Body),
            ReceiverTypes.GenericHmac => GenericHmacCheck.Verify(token, delivery),
            ReceiverTypes.GitHub => GitHubCheck.Verify(spec, token, delivery),
            ReceiverTypes.GitLab => GitLabCheck.Verify(spec, token, delivery),
            ReceiverTypes.Bitbucket => BitbucketCheck.Verify(spec, token, delivery),
            ReceiverTypes.Harbor => RegistryCheck.Harbor(token, delivery),
            ReceiverTypes.DockerHub => RegistryCheck.DockerHub(delivery),
            ReceiverTypes.Quay => RegistryCheck.Quay(delivery),
            ReceiverTypes.Acr => RegistryCheck.Acr(delivery),
            ReceiverTypes.Nexus => NexusCheck.Verify(token, delivery),
            ReceiverTypes.Gcr => GcrCheck.Verify(delivery, googleKeys, _time.GetUtcNow()),
            ReceiverTypes.CdEvents => CdEventCheck.Verify(spec, delivery),
            _ => ReceiverVerdict.Refuse($"receiver type '{spec.Type}' not supported"),
        };
    }
}
