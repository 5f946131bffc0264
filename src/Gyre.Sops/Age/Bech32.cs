using System.Text;

namespace Gyre.Sops.Age;

/// <summary>BIP-173 Bech32, as age uses it for `age1…` recipients and `AGE-SECRET-KEY-1…` identities (no length limit).</summary>
internal static class Bech32
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    public static string Encode(string hrp, byte[] data)
    {
        var values = ConvertBits(data, 8, 5, pad: true);
        var lowerHrp = hrp.ToLowerInvariant();
        var checksum = CreateChecksum(lowerHrp, values);
        var text = new StringBuilder(lowerHrp).Append('1');
        foreach (var v in values.Concat(checksum))
        {
            text.Append(Charset[v]);
        }

        var result = text.ToString();
        return hrp == lowerHrp ? result : result.ToUpperInvariant();
    }

    public static (string Hrp, byte[] Data) Decode(string text)
    {
        if (!string.Equals(text, text.ToLowerInvariant(), StringComparison.Ordinal)
            && !string.Equals(text, text.ToUpperInvariant(), StringComparison.Ordinal))
        {
            throw new FormatException("mixed case");
        }

        var lower = text.ToLowerInvariant();
        var separator = lower.LastIndexOf('1');
        if (separator < 1 || separator + 7 > lower.Length)
        {
            throw new FormatException("separator '1' at invalid position");
        }

        var hrp = lower[..separator];
        var values = new byte[lower.Length - separator - 1];
        for (var i = 0; i < values.Length; i++)
        {
            var index = Charset.IndexOf(lower[separator + 1 + i], StringComparison.Ordinal);
            if (index < 0)
            {
                throw new FormatException("invalid character");
            }

            values[i] = (byte)index;
        }

        if (Polymod(ExpandHrp(hrp).Concat(values)) != 1)
        {
            throw new FormatException("invalid checksum");
        }

        var data = ConvertBits(values[..^6], 5, 8, pad: false);
        return (text[..separator], data);
    }

    private static byte[] CreateChecksum(string hrp, byte[] values)
    {
        var polymod = Polymod(ExpandHrp(hrp).Concat(values).Concat(new byte[6])) ^ 1;
        var checksum = new byte[6];
        for (var i = 0; i < 6; i++)
        {
            checksum[i] = (byte)((polymod >> (5 * (5 - i))) & 31);
        }

        return checksum;
    }

    private static IEnumerable<byte> ExpandHrp(string hrp) =>
        hrp.Select(c => (byte)(c >> 5)).Append((byte)0).Concat(hrp.Select(c => (byte)(c & 31)));

    private static uint Polymod(IEnumerable<byte> values)
    {
        uint[] generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
        uint chk = 1;
        foreach (var v in values)
        {
            var top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (var i = 0; i < 5; i++)
            {
                if (((top >> i) & 1) != 0)
                {
                    chk ^= generator[i];
                }
            }
        }

        return chk;
    }

    private static byte[] ConvertBits(byte[] data, int from, int to, bool pad)
    {
        var acc = 0;
        var bits = 0;
        var result = new List<byte>();
        var maxv = (1 << to) - 1;
        foreach (var value in data)
        {
            acc = (acc << from) | value;
            bits += from;
            while (bits >= to)
            {
                bits -= to;
                result.Add((byte)((acc >> bits) & maxv));
            }
        }

        if (pad)
        {
            if (bits > 0)
            {
                result.Add((byte)((acc << (to - bits)) & maxv));
            }
        }
        else if (bits >= from || ((acc << (to - bits)) & maxv) != 0)
        {
            throw new FormatException("invalid padding");
        }

        return [.. result];
    }
}
