using System.Text;
using System.Text.Json.Nodes;
using Gyre.Sources.Artifacts;

namespace Gyre.Sources.Oci;

/// <summary>
/// Publishes a directory as a Flux OCI artifact, as <c>flux push artifact</c> does: a deterministic tar.gz layer of
/// media type <c>application/vnd.cncf.flux.content.v1.tar+gzip</c>, an empty config of type
/// <c>application/vnd.cncf.flux.config.v1+json</c>, and the source, revision and created annotations.
/// </summary>
public static class OciArtifactPusher
{
    /// <summary>Pushes <paramref name="directory"/> to <paramref name="reference"/> (which must carry a tag) and returns the manifest digest.</summary>
    public static async Task<string> PushAsync(
        OciReference reference, string directory, string source, string revision, DateTimeOffset created, OciClientOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Tag is null)
        {
            throw new SourceException(reference.ToString(), "pushing an artifact", "the address needs a tag, e.g. oci://registry/app:v1.0.0", SourceReasons.UrlInvalid);
        }

        if (!Directory.Exists(directory))
        {
            throw new SourceException(directory, "pushing an artifact", "the directory does not exist", SourceReasons.InvalidPath);
        }

        using var layerBuffer = new MemoryStream();
        await ArtifactArchiver.WriteAsync(directory, layerBuffer, (path, _) => path == ".git" || path.StartsWith(".git/", StringComparison.Ordinal), cancellationToken)
            .ConfigureAwait(false);
        var layer = layerBuffer.ToArray();
        var config = "{}"u8.ToArray();
        using var client = new OciClient(reference.Registry, options);
        await client.PushBlobAsync(reference.Repository, config, cancellationToken).ConfigureAwait(false);
        await client.PushBlobAsync(reference.Repository, layer, cancellationToken).ConfigureAwait(false);
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [OciAnnotations.Created] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            [OciAnnotations.Revision] = revision,
            [OciAnnotations.Source] = source,
        };
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciMediaTypes.ImageManifest,
            ["config"] = new OciDescriptor(OciMediaTypes.FluxConfig, Digest(config), config.Length, null).ToJson(),
            ["layers"] = new JsonArray(new OciDescriptor(OciMediaTypes.FluxContent, Digest(layer), layer.Length, null).ToJson()),
            ["annotations"] = new JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)JsonValue.Create(a.Value)))),
        };
        var bytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        return await client.PushManifestAsync(reference.Repository, reference.Tag, bytes, OciMediaTypes.ImageManifest, cancellationToken).ConfigureAwait(false);
    }

    private static string Digest(byte[] content) =>
        "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
}
