namespace Gyre.Notifications.Receivers;

/// <summary>One HTTP request to a receiver path: its headers (first value of each, case-insensitive) and its body.</summary>
public sealed class WebhookDelivery
{
    /// <summary>The largest body accepted, as notification-controller caps it (3 MiB); larger requests get 413.</summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    private readonly Dictionary<string, string> _headers;

    public WebhookDelivery(IEnumerable<KeyValuePair<string, string>> headers, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(body);
        _headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            _headers.TryAdd(name, value);
        }

        Body = body;
    }

    public byte[] Body { get; }

    /// <summary>The header's first value, or null when absent (Go's Header.Get).</summary>
    public string? Header(string name) => _headers.GetValueOrDefault(name);

    /// <summary>The media type of Content-Type without parameters, lower-cased; null when absent or malformed.</summary>
    public string? MediaType
    {
        get
        {
            var value = Header("Content-Type");
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            var semicolon = value.IndexOf(';', StringComparison.Ordinal);
            var type = (semicolon < 0 ? value : value[..semicolon]).Trim().ToLowerInvariant();
            return type.Contains('/', StringComparison.Ordinal) ? type : null;
        }
    }
}
