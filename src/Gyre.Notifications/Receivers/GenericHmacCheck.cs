namespace Gyre.Notifications.Receivers;

/// <summary>generic-hmac: X-Signature carries <c>sha1=</c>, <c>sha256=</c> or <c>sha512=</c> and the hex HMAC of the body.</summary>
internal static class GenericHmacCheck
{
    public const string SignatureHeader = "X-Signature";

    public static ReceiverVerdict Verify(string token, WebhookDelivery delivery) =>
        HubSignature.Check(delivery.Header(SignatureHeader), delivery.Body, token) is { } error
            ? ReceiverVerdict.Refuse($"unable to validate HMAC signature: {error}")
            : ReceiverVerdict.Accept("handling generic-hmac event", filterBody: delivery.Body);
}
