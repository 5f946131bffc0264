namespace Gyre.Manifests.Yaml;

/// <summary>Go's strconv.ParseInt/ParseUint with base 0 (0x, 0o, 0b prefixes; a leading 0 means octal).</summary>
internal static class GoInt
{
    public static bool TryParseInt64(string text, out long value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return false;
        }

        var negative = text[0] == '-';
        var body = text[0] is '-' or '+' ? text[1..] : text;
        if (!TryParseUInt64(body, out var magnitude))
        {
            return false;
        }

        if (negative)
        {
            if (magnitude > (ulong)long.MaxValue + 1)
            {
                return false;
            }

            value = magnitude == (ulong)long.MaxValue + 1 ? long.MinValue : -(long)magnitude;
            return true;
        }

        if (magnitude > long.MaxValue)
        {
            return false;
        }

        value = (long)magnitude;
        return true;
    }

    /// <summary>Unsigned, base 0: no sign allowed.</summary>
    public static bool TryParseUInt64(string text, out ulong value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return false;
        }

        if (text.Length > 1 && text[0] == '0')
        {
            return char.ToLowerInvariant(text[1]) switch
            {
                'x' => TryParseUInt64Base(text[2..], 16, out value),
                'o' => TryParseUInt64Base(text[2..], 8, out value),
                'b' => TryParseUInt64Base(text[2..], 2, out value),
                _ => TryParseUInt64Base(text[1..], 8, out value),
            };
        }

        return TryParseUInt64Base(text, 10, out value);
    }

    public static bool TryParseUInt64Base(string digits, int numberBase, out ulong value)
    {
        value = 0;
        if (digits.Length == 0)
        {
            return false;
        }

        foreach (var c in digits)
        {
            var d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'z' => c - 'a' + 10,
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => 99,
            };
            if (d >= numberBase)
            {
                return false;
            }

            var next = (value * (ulong)numberBase) + (ulong)d;
            if (value > (ulong.MaxValue - (ulong)d) / (ulong)numberBase)
            {
                return false;
            }

            value = next;
        }

        return true;
    }

    /// <summary>ParseInt(digits, 2, 64) with an optional leading minus already stripped.</summary>
    public static bool TryParseBinary(string digits, bool negative, out long value)
    {
        value = 0;
        if (!TryParseUInt64Base(digits, 2, out var magnitude))
        {
            return false;
        }

        return TryParseInt64((negative ? "-" : string.Empty) + magnitude.ToString(System.Globalization.CultureInfo.InvariantCulture), out value);
    }
}
