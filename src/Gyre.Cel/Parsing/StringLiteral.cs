using System.Globalization;
using System.Text;

namespace Gyre.Cel.Parsing;

/// <summary>
/// Decodes the body of a string or bytes literal with cel-spec's escapes: <c>\a \b \f \n \r \t \v \\ \? \" \' \`</c>,
/// <c>\xHH</c>, <c>\uHHHH</c>, <c>\UHHHHHHHH</c> and three-digit octal <c>\ooo</c>. In bytes literals <c>\x</c> and
/// octal escapes are single bytes and other characters are UTF-8 encoded; raw literals keep backslashes verbatim.
/// </summary>
internal readonly struct StringLiteral(string source, int bodyOffset)
{
    public string DecodeString(string body, bool raw)
    {
        if (raw)
        {
            return body;
        }

        var text = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\')
            {
                text.Append(body[i]);
                continue;
            }

            var (codePoint, _) = Escape(body, ref i);
            if (codePoint is >= 0xD800 and <= 0xDFFF || codePoint > 0x10FFFF)
            {
                throw Error(i, "invalid unicode code point in escape");
            }

            text.Append(char.ConvertFromUtf32(codePoint));
        }

        return text.ToString();
    }

    public byte[] DecodeBytes(string body, bool raw)
    {
        if (raw)
        {
            return Encoding.UTF8.GetBytes(body);
        }

        var bytes = new List<byte>(body.Length);
        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\')
            {
                var length = char.IsHighSurrogate(body[i]) && i + 1 < body.Length
                    ? Encoding.UTF8.GetBytes(body.AsSpan(i++, 2), buffer)
                    : Encoding.UTF8.GetBytes(body.AsSpan(i, 1), buffer);
                bytes.AddRange(buffer[..length]);
                continue;
            }

            var (codePoint, isByte) = Escape(body, ref i);
            if (isByte)
            {
                bytes.Add((byte)codePoint);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(codePoint)));
            }
        }

        return [.. bytes];
    }

    // On entry body[i] is the backslash; on exit i is the last character of the escape.
    private (int CodePoint, bool IsByte) Escape(string body, ref int i)
    {
        var start = i;
        if (i + 1 >= body.Length)
        {
            throw Error(start, "backslash at end of string literal");
        }

        var c = body[++i];
        switch (c)
        {
            case 'a': return (7, false);
            case 'b': return (8, false);
            case 'f': return (12, false);
            case 'n': return (10, false);
            case 'r': return (13, false);
            case 't': return (9, false);
            case 'v': return (11, false);
            case '\\' or '?' or '"' or '\'' or '`': return (c, false);
            case 'x' or 'X': return (Hex(body, ref i, 2, start), true);
            case 'u': return (Hex(body, ref i, 4, start), false);
            case 'U': return (Hex(body, ref i, 8, start), false);
            case >= '0' and <= '3':
                if (i + 2 < body.Length && body[i + 1] is >= '0' and <= '7' && body[i + 2] is >= '0' and <= '7')
                {
                    var value = ((c - '0') * 64) + ((body[i + 1] - '0') * 8) + (body[i + 2] - '0');
                    i += 2;
                    return (value, true);
                }

                throw Error(start, "octal escape needs three digits");
            default:
                throw Error(start, $"invalid escape sequence '\\{c}'");
        }
    }

    private int Hex(string body, ref int i, int digits, int start)
    {
        if (i + digits >= body.Length)
        {
            throw Error(start, $"escape needs {digits} hex digits");
        }

        var hex = body.AsSpan(i + 1, digits);
        if (!int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw Error(start, $"escape needs {digits} hex digits");
        }

        i += digits;
        return value;
    }

    private CelException Error(int offsetInBody, string reason) => new(source, bodyOffset + offsetInBody + 1, reason);
}
