using System.Text.Json.Nodes;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.Chat;

/// <summary>googlechat: an incoming-webhook card (cardsV2) with the object as header, the message, and metadata as decorated text.</summary>
internal sealed class GoogleChatNotifier(ProviderSettings settings) : INotifier
{
    private readonly string _address = settings.RequireAddress();

    public NotificationRequest Build(FluxEvent ev)
    {
        var widgets = new JsonArray { new JsonObject { ["textParagraph"] = new JsonObject { ["text"] = ev.Message } } };
        foreach (var (key, value) in Payload.SortedMetadata(ev))
        {
            widgets.Add(new JsonObject { ["decoratedText"] = new JsonObject { ["topLabel"] = key, ["text"] = value } });
        }

        var card = new JsonObject
        {
            ["cardId"] = Payload.Id(ev),
            ["card"] = new JsonObject
            {
                ["header"] = new JsonObject
                {
                    ["title"] = ev.InvolvedObject.Title,
                    ["subtitle"] = ev.IsError ? "error" : "info",
                    ["imageUrl"] = Payload.FluxIcon,
                },
                ["sections"] = new JsonArray(new JsonObject { ["widgets"] = widgets }),
            },
        };
        return Payload.Post(_address, new JsonObject { ["cardsV2"] = new JsonArray(card) });
    }
}
