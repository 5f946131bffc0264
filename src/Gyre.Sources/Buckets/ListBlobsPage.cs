using System.Xml;
using System.Xml.Linq;

namespace Gyre.Sources.Buckets;

/// <summary>One List Blobs answer (<c>EnumerationResults</c>): blob names with their ETags, and the next marker.</summary>
internal static class ListBlobsPage
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
            throw new SourceException(location, "listing blobs", $"the answer is not an EnumerationResults document: {ex.Message}",
                SourceReasons.BucketOperationFailed, isTransient: true, ex);
        }

        var blobs = (root.Element("Blobs")?.Elements("Blob") ?? [])
            .Select(b => new BucketObject(b.Element("Name")?.Value ?? "", (b.Element("Properties")?.Element("Etag")?.Value ?? "").Trim('"')))
            .ToList();
        var next = root.Element("NextMarker")?.Value;
        return new ListObjectsPage(blobs, string.IsNullOrEmpty(next) ? null : next);
    }
}
