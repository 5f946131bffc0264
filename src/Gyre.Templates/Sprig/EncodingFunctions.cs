using System.Security.Cryptography;
using System.Text;
using Gyre.Templates.Functions;
using static Gyre.Templates.Sprig.SprigFunctions;

namespace Gyre.Templates.Sprig;

/// <summary>Sprig's encodings, hashes, uuid and random bytes (strings.go, crypto.go).</summary>
internal static class EncodingFunctions
{
    private const ArgType Str = ArgType.String;

    public static void Register(Dictionary<string, TemplateFunction> m)
    {
        m["b64enc"] = F(a => Convert.ToBase64String(Encoding.UTF8.GetBytes(S(a[0]))), Str);
        m["b64dec"] = F(a => B64Dec(S(a[0])), Str);
        m["b32enc"] = F(a => Base32.Encode(Encoding.UTF8.GetBytes(S(a[0]))), Str);
        m["b32dec"] = F(a => Base32.Decode(S(a[0])), Str);
#pragma warning disable CA5350 // sha1sum is Sprig's checksum function, not a security control
        m["sha1sum"] = F(a => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(S(a[0])))), Str);
#pragma warning restore CA5350
        m["sha256sum"] = F(a => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(S(a[0])))), Str);
        m["adler32sum"] = F(a => Adler32(Encoding.UTF8.GetBytes(S(a[0]))).ToString(System.Globalization.CultureInfo.InvariantCulture), Str);
        m["uuidv4"] = F(_ => Guid.NewGuid().ToString());
        m["randBytes"] = F(a => Convert.ToBase64String(RandomNumberGenerator.GetBytes(I(a[0]))), ArgType.Int);
    }

    private static string B64Dec(string s)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(s));
        }
        catch (FormatException)
        {
            return Base32.IllegalData(s, "base64");
        }
    }

    private static uint Adler32(byte[] data)
    {
        uint a = 1, b = 0;
        foreach (var x in data)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }
        return (b << 16) | a;
    }
}
