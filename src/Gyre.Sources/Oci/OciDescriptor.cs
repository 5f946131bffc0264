using System.Text.Json.Nodes;

namespace Gyre.Sources.Oci;

/// <summary>An OCI content descriptor (layer, config or manifest entry of an index).</summary>
public sealed record OciDescriptor(string MediaType, string Digest, long Size, string? Platform)
{
    public static OciDescriptor FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var platform = json["platform"] is JsonObject p ? $"{p["os"]?.GetValue<string>()}/{p["architecture"]?.GetValue<string>()}" : null;
        return new OciDescriptor(
            json["mediaType"]?.GetValue<string>() ?? "",
            json["digest"]?.GetValue<string>() ?? "",
            json["size"]?.GetValue<long>() ?? 0,
            platform);
    }

    public JsonObject ToJson(IReadOnlyDictionary<string, string>? annotations = null)
    {
        var json = new JsonObject { ["mediaType"] = MediaType, ["digest"] = Digest, ["size"] = Size };
        if (annotations is { Count: > 0 })
        {
            var a = new JsonObject();
            foreach (var (key, value) in annotations)
            {
                a[key] = value;
            }

            json["annotations"] = a;
        }

        return json;
    }
}
