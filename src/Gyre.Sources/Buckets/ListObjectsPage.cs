using System.Net;
using System.Xml;
using System.Xml.Linq;

namespace Gyre.Sources.Buckets;

/// <summary>One ListObjectsV2 answer: its objects (keys URL-decoded when encoding-type=url, ETags unquoted) and the next token.</summary>
internal sealed record ListObjectsPage(IReadOnlyList<BucketObject> Objects, string? NextToken)
{
    public static async Task<ListObjectsPage> ReadAsync(HttpResponseMessage response, string location, CancellationToken cancellationToken)
    {
        XElement root;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                root = (await XDocument.LoadAsync(stream, LoadOptions.None, cancellationToken).ConfigureAwait(false)).Root
                    ?? throw new XmlException("empty document");
            }
        }
        catch (XmlException ex)
        {
            throw new SourceException(location, "listing objects", $"the answer is not a ListBucketResult document: {ex.Message}",
                SourceReasons.BucketOperationFailed, isTransient: true, ex);
        }

        var urlEncoded = string.Equals(Child(root, "EncodingType"), "url", StringComparison.OrdinalIgnoreCase);
        var objects = root.Elements().Where(e => e.Name.LocalName == "Contents")
            .Select(c => new BucketObject(Decode(Child(c, "Key") ?? "", urlEncoded), (Child(c, "ETag") ?? "").Trim('"')))
            .ToList();
        var truncated = string.Equals(Child(root, "IsTruncated"), "true", StringComparison.OrdinalIgnoreCase);
        var next = Child(root, "NextContinuationToken");
        if (truncated && string.IsNullOrEmpty(next))
        {
            throw new SourceException(location, "listing objects", "the listing is truncated but has no NextContinuationToken",
                SourceReasons.BucketOperationFailed);
        }

        return new ListObjectsPage(objects, truncated ? next : null);
    }

    private static string? Child(XElement element, string name) => element.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    // S3 encodes keys like a query value ('+' for a space), as minio-go's decodeS3Name reads them.
    private static string Decode(string key, bool urlEncoded) => urlEncoded ? WebUtility.UrlDecode(key) : key;
}
