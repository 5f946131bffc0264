using System.Text;
using System.Web;

namespace Gyre.Notifications.Receivers;

/// <summary>
/// go-github's ValidatePayload, shared by the github and bitbucket receivers: the signature comes from
/// X-Hub-Signature-256 (else X-Hub-Signature) and covers the raw body; the JSON payload is the body itself
/// (application/json) or its <c>payload</c> form field (application/x-www-form-urlencoded).
/// </summary>
internal static class HubPayload
{
    public const string Signature256Header = "X-Hub-Signature-256";
    public const string SignatureHeader = "X-Hub-Signature";

    /// <summary>The JSON payload, or null with <paramref name="error"/> set when the delivery is not validly signed.</summary>
    public static byte[]? Validate(WebhookDelivery delivery, string token, out string? error)
    {
        byte[] payload;
        switch (delivery.MediaType)
        {
            case "application/json":
                payload = delivery.Body;
                break;
            case "application/x-www-form-urlencoded":
                var form = HttpUtility.ParseQueryString(Encoding.UTF8.GetString(delivery.Body));
                payload = Encoding.UTF8.GetBytes(form["payload"] ?? string.Empty);
                break;
            default:
                error = $"webhook request has unsupported Content-Type '{delivery.Header("Content-Type")}'";
                return null;
        }

        var signature = delivery.Header(Signature256Header) ?? delivery.Header(SignatureHeader);
        error = HubSignature.Check(signature, delivery.Body, token);
        return error is null ? payload : null;
    }
}
