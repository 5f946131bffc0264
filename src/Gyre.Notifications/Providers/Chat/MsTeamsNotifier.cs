using System.Text.Json.Nodes;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.Chat;

/// <summary>
/// msteams: a message with one Adaptive Card attachment (Teams workflows / Power Automate webhooks): the object as a
/// bold title coloured by severity, the message, and the metadata as a FactSet.
/// </summary>
internal sealed class MsTeamsNotifier(ProviderSettings settings) : INotifier
{
    private readonly string _address = settings.RequireAddress();

    public NotificationRequest Build(FluxEvent ev)
    {
        var facts = new JsonArray();
        foreach (var (key, value) in Payload.SortedMetadata(ev))
        {
            facts.Add(new JsonObject { ["title"] = key, ["value"] = value });
        }

        var body = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock", ["text"] = ev.InvolvedObject.Title, ["size"] = "Large", ["weight"] = "Bolder",
                ["color"] = ev.IsError ? "Attention" : "Good", ["wrap"] = true,
            },
            new JsonObject { ["type"] = "TextBlock", ["text"] = ev.Message, ["wrap"] = true },
        };
        if (facts.Count > 0)
        {
            body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
        };
        var message = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["contentUrl"] = null,
                ["content"] = card,
            }),
        };
        return Payload.Post(_address, message);
    }
}
