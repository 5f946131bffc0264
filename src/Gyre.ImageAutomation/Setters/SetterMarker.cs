using System.Text.Json;

namespace Gyre.ImageAutomation.Setters;

/// <summary>
/// A line comment of the form <c># {"$imagepolicy": "&lt;namespace&gt;:&lt;policy&gt;[:name|:tag|:digest]"}</c>. As in Flux,
/// the comment is a JSON object; anything else (other JSON, other keys, an unknown suffix) is not a marker.
/// </summary>
public sealed record SetterMarker(string Setter, string PolicyNamespace, string PolicyName, SetterField Field)
{
    /// <summary>The key Flux's markers use.</summary>
    public const string Key = "$imagepolicy";

    /// <summary>Parses the text after <c>#</c>; null when it is not a marker.</summary>
    public static SetterMarker? Parse(string comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        var text = comment.Trim();
        if (!text.StartsWith('{') || !text.Contains(Key, StringComparison.Ordinal))
        {
            return null;
        }

        string? setter;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty(Key, out var value)
                || value.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            setter = value.GetString();
        }
        catch (JsonException)
        {
            return null;
        }

        var parts = setter?.Split(':') ?? [];
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return null;
        }

        SetterField? field = parts.Length == 2 ? SetterField.Reference : parts[2] switch
        {
            "name" => SetterField.Name,
            "tag" => SetterField.Tag,
            "digest" => SetterField.Digest,
            _ => null,
        };
        return field is { } f ? new SetterMarker(setter!, parts[0], parts[1], f) : null;
    }
}
