using System.Text.Json.Nodes;

namespace Gyre.Controllers.ImagePolicies;

/// <summary>status.latestRef / observedPreviousRef: the image name, the tag and (with digest reflection) the digest.</summary>
internal sealed record LatestRef(string Name, string Tag, string? Digest)
{
    public static LatestRef? FromJson(JsonNode? node) =>
        node is JsonObject o && (string?)o["name"] is { } name && (string?)o["tag"] is { } tag
            ? new LatestRef(name, tag, (string?)o["digest"] is { Length: > 0 } d ? d : null)
            : null;

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["name"] = Name, ["tag"] = Tag };
        if (Digest is not null)
        {
            json["digest"] = Digest;
        }

        return json;
    }
}
