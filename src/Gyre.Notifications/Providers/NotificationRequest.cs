using System.Text;

namespace Gyre.Notifications.Providers;

/// <summary>One HTTP request a provider wants sent for an event: built purely, delivered (with retries) elsewhere.</summary>
public sealed record NotificationRequest(HttpMethod Method, Uri Address, byte[] Body, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public string ContentType { get; init; } = "application/json";

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>
    /// Only the method and origin: webhook paths (Slack, Discord, Telegram's /bot&lt;token&gt;) and headers are
    /// credentials, so neither ever reaches a log or a status.
    /// </summary>
    public override string ToString() => $"{Method} {Address.GetLeftPart(UriPartial.Authority)}";
}
