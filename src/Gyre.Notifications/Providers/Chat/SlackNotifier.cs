using System.Text.Json.Nodes;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.Chat;

/// <summary>
/// slack (and the Slack-compatible rocket, mattermost and discord `/slack` webhooks): one attachment coloured good or
/// danger, authored by the object, the message as text and the metadata as fields. With a token the address is
/// chat.postMessage (Bearer auth, channel required); without, an incoming webhook.
/// </summary>
internal sealed class SlackNotifier : INotifier
{
    public const string PostMessageApi = "https://slack.com/api/chat.postMessage";

    private readonly ProviderSettings _settings;
    private readonly string _address;

    public SlackNotifier(ProviderSettings settings, string? addressSuffix = null)
    {
        _settings = settings;
        var address = settings.Address is { Length: > 0 } a ? a : settings.Token is { Length: > 0 } ? PostMessageApi : settings.RequireAddress();
        _address = address.TrimEnd('/') + addressSuffix;
        if (settings.Token is { Length: > 0 } && settings.Type == ProviderTypes.Slack)
        {
            settings.RequireChannel();
        }
    }

    public NotificationRequest Build(FluxEvent ev)
    {
        var fields = new JsonArray();
        foreach (var (key, value) in Payload.SortedMetadata(ev))
        {
            fields.Add(new JsonObject { ["title"] = key, ["value"] = value, ["short"] = false });
        }

        var attachment = new JsonObject
        {
            ["color"] = ev.IsError ? "danger" : "good",
            ["author_name"] = ev.InvolvedObject.Title,
            ["text"] = ev.Message,
            ["mrkdwn_in"] = new JsonArray("text"),
        };
        if (fields.Count > 0)
        {
            attachment["fields"] = fields;
        }

        var body = new JsonObject();
        if (_settings.Channel is { Length: > 0 } channel)
        {
            body["channel"] = channel;
        }

        body["username"] = _settings.Username is { Length: > 0 } user ? user : "Flux";
        body["icon_url"] = Payload.FluxIcon;
        body["attachments"] = new JsonArray(attachment);
        return _settings.Token is { Length: > 0 } token && _settings.Type == ProviderTypes.Slack
            ? Payload.Post(_address, body, Payload.Bearer(token))
            : Payload.Post(_address, body);
    }
}
