using System.Text.Json.Nodes;

namespace Gyre.Sources.Oci;

/// <summary>A fetched manifest: its bytes, media type and digest, with the layers and annotations it lists.</summary>
public sealed record OciManifest(string Digest, string MediaType, byte[] Content)
{
    private JsonNode Json => JsonNode.Parse(Content) ?? new JsonObject();

    public bool IsIndex => MediaType is OciMediaTypes.ImageIndex or OciMediaTypes.DockerManifestList;

    public IReadOnlyList<OciDescriptor> Layers => Descriptors("layers");

    /// <summary>For an index: the manifests it lists, with their platform as <c>os/arch</c>.</summary>
    public IReadOnlyList<OciDescriptor> Manifests => Descriptors("manifests");

    public IReadOnlyDictionary<string, string> Annotations
    {
        get
        {
            var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (Json["annotations"] is JsonObject annotations)
            {
                foreach (var (key, value) in annotations)
                {
                    result[key] = value?.GetValue<string>() ?? "";
                }
            }

            return result;
        }
    }

    private List<OciDescriptor> Descriptors(string field) =>
        (Json[field] as JsonArray ?? []).OfType<JsonObject>().Select(OciDescriptor.FromJson).ToList();
}
