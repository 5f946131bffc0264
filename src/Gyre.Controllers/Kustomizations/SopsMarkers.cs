using System.Text;
using Gyre.Sops;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// Recognises SOPS documents by their marker bytes, as kustomize-controller's decryptor does
/// (sopsFormatToMarkerBytes): the MAC line of the dotenv, JSON or YAML store. A binary file is stored as sops JSON.
/// </summary>
internal static class SopsMarkers
{
    private static readonly (SopsFormat Format, byte[] Marker)[] Markers =
    [
        (SopsFormat.Dotenv, Encoding.UTF8.GetBytes("sops_mac=ENC[")),
        (SopsFormat.Json, Encoding.UTF8.GetBytes("\"mac\": \"ENC[")),
        (SopsFormat.Yaml, Encoding.UTF8.GetBytes("mac: ENC[")),
    ];

    /// <summary>The store format of an encrypted document, or null when the bytes carry no SOPS marker.</summary>
    public static SopsFormat? Detect(ReadOnlySpan<byte> data)
    {
        foreach (var (format, marker) in Markers)
        {
            if (data.IndexOf(marker) >= 0)
            {
                return format;
            }
        }

        return null;
    }
}
