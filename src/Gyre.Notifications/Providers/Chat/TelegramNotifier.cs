using System.Text;
using System.Text.Json.Nodes;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.Chat;

/// <summary>telegram: Bot API sendMessage (`/bot&lt;token&gt;/sendMessage`) with `chat_id` = channel and Markdown text.</summary>
internal sealed class TelegramNotifier(ProviderSettings settings) : INotifier
{
    public const string BotApi = "https://api.telegram.org";

    private readonly string _address = (settings.Address is { Length: > 0 } a ? a : BotApi).TrimEnd('/') + "/bot" + settings.RequireToken() + "/sendMessage";
    private readonly string _chat = settings.RequireChannel();

    public NotificationRequest Build(FluxEvent ev)
    {
        var text = new StringBuilder()
            .Append('*').Append(Escape(ev.InvolvedObject.Title)).Append("*\n").Append(Escape(ev.Message));
        foreach (var (key, value) in Payload.SortedMetadata(ev))
        {
            text.Append("\n\\- *").Append(Escape(key)).Append("*: ").Append(Escape(value));
        }

        return Payload.Post(_address, new JsonObject { ["chat_id"] = _chat, ["text"] = text.ToString(), ["parse_mode"] = "MarkdownV2" });
    }

    // MarkdownV2 reserves these characters everywhere outside entities; Telegram rejects the message if unescaped.
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if ("_*[]()~`>#+-=|{}.!\\".Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
