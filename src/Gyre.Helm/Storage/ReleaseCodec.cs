using System.IO.Compression;
using System.Text;

namespace Gyre.Helm.Storage;

/// <summary>
/// Helm 3's release encoding (pkg/storage/driver util.go): base64(gzip(JSON)). Decoding also accepts releases that
/// were stored without gzip, as Helm does (it checks the gzip magic bytes).
/// </summary>
public static class ReleaseCodec
{
    private static readonly byte[] GzipMagic = [0x1f, 0x8b, 0x08];

    /// <summary>Largest decompressed release accepted, against gzip bombs (the API server caps a Secret at 1 MiB).</summary>
    public const int MaxDecodedBytes = 64 * 1024 * 1024;

    public static string Encode(Release release)
    {
        var json = Encoding.UTF8.GetBytes(ReleaseJson.Serialize(release));
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(json);
        }

        return Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static Release Decode(string encoded, string key)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(encoded);
        }
        catch (FormatException ex)
        {
            throw new ReleaseStorageException(key, "the release data is not base64", ex);
        }

        if (bytes.AsSpan().StartsWith(GzipMagic))
        {
            bytes = Gunzip(bytes, key);
        }

        return ReleaseJson.Deserialize(Encoding.UTF8.GetString(bytes), key);
    }

    private static byte[] Gunzip(byte[] bytes, string key)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = gzip.Read(chunk)) > 0)
            {
                output.Write(chunk, 0, read);
                if (output.Length > MaxDecodedBytes)
                {
                    throw new ReleaseStorageException(key, $"the release is larger than {MaxDecodedBytes} bytes uncompressed");
                }
            }

            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new ReleaseStorageException(key, "the release data is not valid gzip", ex);
        }
    }
}
