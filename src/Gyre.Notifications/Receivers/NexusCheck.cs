using System.Security.Cryptography;
using System.Text;

namespace Gyre.Notifications.Receivers;

/// <summary>
/// nexus: X-Nexus-Webhook-Signature is the lowercase hex HMAC-SHA1 of the body keyed with the token (Sonatype's
/// format, which Flux compares exactly); the body must be Nexus's JSON (action, repositoryName).
/// </summary>
internal static class NexusCheck
{
    public const string SignatureHeader = "X-Nexus-Webhook-Signature";

    public static ReceiverVerdict Verify(string token, WebhookDelivery delivery)
    {
        var signature = delivery.Header(SignatureHeader);
        if (string.IsNullOrEmpty(signature))
        {
            return ReceiverVerdict.Refuse("Nexus signature is missing from header " + SignatureHeader);
        }

        var expected = Convert.ToHexStringLower(HubSignature.Mac("sha1", delivery.Body, token)!);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(expected)))
        {
            return ReceiverVerdict.Refuse("invalid Nexus signature");
        }

        return PayloadJson.Check(delivery.Body, ("action", PayloadJson.String), ("repositoryName", PayloadJson.String)) is { } error
            ? ReceiverVerdict.Refuse("cannot decode Nexus webhook payload: " + error)
            : ReceiverVerdict.Accept($"handling Nexus event from {PayloadJson.Text(delivery.Body, "repositoryName")}", filterBody: delivery.Body);
    }
}
