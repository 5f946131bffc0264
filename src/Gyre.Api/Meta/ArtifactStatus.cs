using System.Text.Json.Nodes;

namespace Gyre.Api.Meta;

/// <summary>status.artifact of a source (fluxcd/pkg apis/meta Artifact).</summary>
public sealed record ArtifactStatus(string Path, string Url, string Revision, string Digest, string LastUpdateTime, long Size)
{
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public static ArtifactStatus? FromJson(JsonNode? node)
    {
        if (node is not JsonObject o || SpecReader.String(o["url"]) is not { } url)
        {
            return null;
        }

        return new ArtifactStatus(
            SpecReader.String(o["path"]) ?? string.Empty,
            url,
            SpecReader.String(o["revision"]) ?? string.Empty,
            SpecReader.String(o["digest"]) ?? string.Empty,
            SpecReader.String(o["lastUpdateTime"]) ?? string.Empty,
            o["size"] is JsonValue v && v.TryGetValue<long>(out var size) ? size : 0)
        {
            Metadata = SpecReader.StringMap(o["metadata"]),
        };
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["digest"] = Digest,
            ["lastUpdateTime"] = LastUpdateTime,
            ["path"] = Path,
            ["revision"] = Revision,
            ["size"] = Size,
            ["url"] = Url,
        };
        if (Metadata.Count > 0)
        {
            json["metadata"] = new JsonObject(Metadata.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        }

        return json;
    }
}
