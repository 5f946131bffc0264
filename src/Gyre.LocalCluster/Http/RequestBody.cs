using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Microsoft.AspNetCore.Http;

namespace Gyre.LocalCluster.Http;

/// <summary>
/// Reads request bodies with kube-apiserver's limits and errors: at most 3 MiB (413 RequestEntityTooLarge beyond),
/// JSON objects only (YAML bodies are accepted when they are JSON, which is what kubectl sends).
/// </summary>
internal static class RequestBody
{
    /// <summary>kube-apiserver's MaxRequestBodyBytes default (3 MiB).</summary>
    public const int MaxBytes = 3 * 1024 * 1024;

    public static async Task<byte[]> ReadBytesAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > MaxBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                throw TooLarge();
            }
        }

        return buffer.ToArray();
    }

    public static async Task<JsonNode> ReadJsonAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(context, cancellationToken).ConfigureAwait(false);
        return Parse(bytes, context.Request.ContentType);
    }

    public static JsonNode Parse(byte[] bytes, string? contentType)
    {
        if (contentType?.StartsWith(Protobuf.ProtobufBody.MediaType, StringComparison.Ordinal) == true)
        {
            return Protobuf.ProtobufBody.Decode(bytes);
        }

        if (bytes.Length == 0)
        {
            throw ApiStatusException.BadRequest("the body of the request was empty");
        }

        try
        {
            return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 256 })
                ?? throw ApiStatusException.BadRequest("the body of the request was null");
        }
        catch (JsonException ex)
        {
            var yamlError = string.Empty;
            var media = contentType?.Split(';')[0].Trim() ?? HttpResponses.Json;
            if (media.EndsWith("yaml", StringComparison.Ordinal) && YamlBody.TryParse(Encoding.UTF8.GetString(bytes), out var yaml, out yamlError))
            {
                return yaml!;
            }
            else if (media.EndsWith("yaml", StringComparison.Ordinal))
            {
                throw ApiStatusException.BadRequest($"error converting YAML to JSON: {yamlError}");
            }

            throw ApiStatusException.BadRequest($"couldn't get version/kind; json parse error: {ex.Message}");
        }
    }

    public static JsonObject ParseObject(byte[] bytes, string? contentType)
    {
        var node = Parse(bytes, contentType);
        return node as JsonObject ?? throw ApiStatusException.BadRequest("couldn't get version/kind; json parse error: the body is not a JSON object");
    }

    private static ApiStatusException TooLarge() =>
        new(413, "RequestEntityTooLarge", $"Request entity too large: limit is {MaxBytes}");
}
