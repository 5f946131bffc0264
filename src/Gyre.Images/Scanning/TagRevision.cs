using System.Security.Cryptography;
using System.Text;

namespace Gyre.Images.Scanning;

/// <summary>The revision of a tag list: <c>sha256:&lt;hex&gt;</c> of the tags, each followed by a newline.</summary>
internal static class TagRevision
{
    public static string Of(IEnumerable<string> tags) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Lines(tags)));

    public static byte[] Lines(IEnumerable<string> tags)
    {
        var text = new StringBuilder();
        foreach (var tag in tags)
        {
            text.Append(tag).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
