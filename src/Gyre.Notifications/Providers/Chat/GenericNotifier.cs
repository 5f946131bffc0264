using System.Security.Cryptography;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.Chat;

/// <summary>
/// generic and generic-hmac: POSTs the event itself (Flux's JSON) with `Gotk-Component: &lt;controller&gt;` and the
/// Secret's headers; generic-hmac adds `X-Signature: sha256=&lt;hex HMAC-SHA256 of the body keyed by the token&gt;`.
/// </summary>
internal sealed class GenericNotifier(ProviderSettings settings, bool hmac) : INotifier
{
    private readonly string _address = settings.RequireAddress();
    private readonly byte[]? _key = hmac ? System.Text.Encoding.UTF8.GetBytes(settings.RequireToken()) : null;

    public NotificationRequest Build(FluxEvent ev)
    {
        var body = Payload.Json(FluxEventJson.ToJson(ev));
        var headers = new List<KeyValuePair<string, string>>(settings.Headers) { Payload.Header("Gotk-Component", ev.ReportingController) };
        if (_key is not null)
        {
            headers.Add(Payload.Header("X-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, body))));
        }

        return new NotificationRequest(HttpMethod.Post, new Uri(_address), body, headers);
    }
}
