using System.Text;
using System.Text.Json.Nodes;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.Chat;

/// <summary>webex: POST /v1/messages with the bot token as Bearer, `roomId` = channel and a Markdown message.</summary>
internal sealed class WebexNotifier(ProviderSettings settings) : INotifier
{
    public const string MessagesApi = "https://webexapis.com/v1/messages";

    private readonly string _address = settings.Address is { Length: > 0 } a ? a : MessagesApi;
    private readonly string _token = settings.RequireToken();
    private readonly string _room = settings.RequireChannel();

    public NotificationRequest Build(FluxEvent ev)
    {
        var markdown = new StringBuilder()
            .Append(ev.IsError ? "❌" : "✅").Append(" **").Append(ev.InvolvedObject.Title).Append("**\n\n").Append(ev.Message);
        foreach (var (key, value) in Payload.SortedMetadata(ev))
        {
            markdown.Append("\n>**").Append(key).Append("**: ").Append(value);
        }

        return Payload.Post(_address, new JsonObject { ["roomId"] = _room, ["markdown"] = markdown.ToString() }, Payload.Bearer(_token));
    }
}
