using System.Globalization;
using System.Text;

namespace Gyre.Templates.Sprig;

/// <summary>RFC 4648 base32 (Go's base32.StdEncoding) and Sprig's error-as-result convention.</summary>
internal static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(byte[] data)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < data.Length; i += 5)
        {
            var n = Math.Min(5, data.Length - i);
            ulong buf = 0;
            for (var j = 0; j < 5; j++)
            {
                buf = (buf << 8) | (j < n ? data[i + j] : (byte)0);
            }
            var chars = (n * 8 + 4) / 5;
            for (var j = 0; j < 8; j++)
            {
                sb.Append(j < chars ? Alphabet[(int)((buf >> (35 - (j * 5))) & 31)] : '=');
            }
        }
        return sb.ToString();
    }

    public static string Decode(string s)
    {
        var bytes = new List<byte>();
        ulong buf = 0;
        var bits = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '=')
            {
                break;
            }
            var v = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (v < 0)
            {
                return IllegalData(s, "base32", i);
            }
            buf = (buf << 5) | (uint)v;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buf >> bits));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>Sprig returns the decode error text as the result: "illegal base64 data at input byte N".</summary>
    public static string IllegalData(string s, string kind, int at = -1)
    {
        if (at < 0)
        {
            at = 0;
            foreach (var c in s)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
                {
                    break;
                }
                at++;
            }
            if (at == s.Length)
            {
                at = s.Length - (s.Length % 4 == 0 ? 0 : s.Length % 4);
            }
        }
        return "illegal " + kind + " data at input byte " + at.ToString(CultureInfo.InvariantCulture);
    }
}
