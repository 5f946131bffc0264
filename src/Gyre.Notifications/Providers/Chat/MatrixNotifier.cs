using System.Text.Json.Nodes;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.Chat;

/// <summary>
/// matrix: PUT /_matrix/client/v3/rooms/{room}/send/m.room.message/{txnId} on the homeserver (address) with the
/// access token as Bearer; the transaction id is derived from the event so a retried delivery is not posted twice.
/// </summary>
internal sealed class MatrixNotifier(ProviderSettings settings) : INotifier
{
    private readonly string _server = settings.RequireAddress().TrimEnd('/');
    private readonly string _token = settings.RequireToken();
    private readonly string _room = settings.RequireChannel();

    public NotificationRequest Build(FluxEvent ev)
    {
        var address = $"{_server}/_matrix/client/v3/rooms/{Uri.EscapeDataString(_room)}/send/m.room.message/{Payload.Id(ev)}";
        var body = new JsonObject
        {
            ["msgtype"] = "m.text",
            ["body"] = (ev.IsError ? "🚨 " : "💫 ") + ev.InvolvedObject.Title + "\n" + Payload.PlainText(ev, "- "),
        };
        return new NotificationRequest(HttpMethod.Put, new Uri(address), Payload.Json(body), [Payload.Bearer(_token)]);
    }
}
