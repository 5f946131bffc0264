using System.Text.Json.Nodes;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.Chat;

/// <summary>lark: a custom-bot interactive card, green or red header with the object, the message and metadata in lark_md.</summary>
internal sealed class LarkNotifier(ProviderSettings settings) : INotifier
{
    private readonly string _address = settings.RequireAddress();

    public NotificationRequest Build(FluxEvent ev)
    {
        var card = new JsonObject
        {
            ["config"] = new JsonObject { ["wide_screen_mode"] = true },
            ["header"] = new JsonObject
            {
                ["title"] = new JsonObject { ["tag"] = "plain_text", ["content"] = (ev.IsError ? "🚨 " : "💫 ") + ev.InvolvedObject.Title },
                ["template"] = ev.IsError ? "red" : "green",
            },
            ["elements"] = new JsonArray(new JsonObject
            {
                ["tag"] = "div",
                ["text"] = new JsonObject { ["tag"] = "lark_md", ["content"] = Payload.PlainText(ev, "- ") },
            }),
        };
        return Payload.Post(_address, new JsonObject { ["msg_type"] = "interactive", ["card"] = card });
    }
}
