using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers;

/// <summary>Building blocks the provider payloads share.</summary>
internal static class Payload
{
    /// <summary>Flux's avatar, used as the icon of chat messages.</summary>
    public const string FluxIcon = "https://avatars3.githubusercontent.com/u/52158677?s=200&v=4";

    public static byte[] Json(JsonNode node) => StructJson.SerializeToUtf8(node);

    public static NotificationRequest Post(string address, JsonNode body, params KeyValuePair<string, string>[] headers) =>
        new(HttpMethod.Post, new Uri(address), Json(body), headers);

    public static KeyValuePair<string, string> Header(string name, string value) => new(name, value);

    public static KeyValuePair<string, string> Bearer(string token) => new("Authorization", "Bearer " + token);

    public static KeyValuePair<string, string> Basic(string user, string password) =>
        new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    /// <summary>The metadata in key order, for fields and facts.</summary>
    public static IEnumerable<KeyValuePair<string, string>> SortedMetadata(FluxEvent ev) =>
        ev.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal);

    /// <summary>The message followed by one "key: value" line per metadata entry (plain-text providers).</summary>
    public static string PlainText(FluxEvent ev, string bullet = "")
    {
        var text = new StringBuilder(ev.Message);
        foreach (var (key, value) in SortedMetadata(ev))
        {
            text.Append('\n').Append(bullet).Append(key).Append(": ").Append(value);
        }

        return text.ToString();
    }

    /// <summary>A stable id for an event (sentry event_id, matrix transaction id): the same event, the same id.</summary>
    public static string Id(FluxEvent ev) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(FluxEventJson.Serialize(ev))))[..32];

    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 3)] + "...";
}
