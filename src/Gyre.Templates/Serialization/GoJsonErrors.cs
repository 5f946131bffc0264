namespace Gyre.Templates.Serialization;

/// <summary>encoding/json's syntax error texts (scanner.go): a validating scan that stops at the first bad byte.</summary>
internal static class GoJsonErrors
{
    public static string Describe(string input, System.Text.Json.JsonException e)
    {
        _ = e;
        return Scan(input) ?? "unexpected end of JSON input";
    }

    /// <summary>Returns Go's error for invalid JSON, or null when the text is valid.</summary>
    public static string? Scan(string s)
    {
        var i = 0;
        try
        {
            SkipSpace(s, ref i);
            Value(s, ref i);
            SkipSpace(s, ref i);
            if (i < s.Length)
            {
                return Invalid(s[i], "after top-level value");
            }
            return null;
        }
        catch (FormatException f)
        {
            return f.Message;
        }
    }

    private static FormatException Fail(string message) => new(message);

    private static string Invalid(char c, string context) => "invalid character " + QuoteChar(c) + " " + context;

    private static string QuoteChar(char c) => c switch
    {
        '\'' => "'\\''",
        '"' => "'\"'",
        _ => "'" + Formatting.GoQuote.Quote(c.ToString())[1..^1] + "'",
    };

    private static void SkipSpace(string s, ref int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t' or '\r' or '\n')
        {
            i++;
        }
    }

    private static char Next(string s, int i) => i < s.Length ? s[i] : throw Fail("unexpected end of JSON input");

    private static void Value(string s, ref int i)
    {
        var c = Next(s, i);
        switch (c)
        {
            case '{':
                i++;
                SkipSpace(s, ref i);
                if (Next(s, i) == '}')
                {
                    i++;
                    return;
                }
                while (true)
                {
                    SkipSpace(s, ref i);
                    if (Next(s, i) != '"')
                    {
                        throw Fail(Invalid(s[i], "looking for beginning of object key string"));
                    }
                    String(s, ref i);
                    SkipSpace(s, ref i);
                    if (Next(s, i) != ':')
                    {
                        throw Fail(Invalid(s[i], "after object key"));
                    }
                    i++;
                    SkipSpace(s, ref i);
                    Value(s, ref i);
                    SkipSpace(s, ref i);
                    var d = Next(s, i);
                    i++;
                    if (d == '}')
                    {
                        return;
                    }
                    if (d != ',')
                    {
                        throw Fail(Invalid(d, "after object key:value pair"));
                    }
                }
            case '[':
                i++;
                SkipSpace(s, ref i);
                if (Next(s, i) == ']')
                {
                    i++;
                    return;
                }
                while (true)
                {
                    SkipSpace(s, ref i);
                    Value(s, ref i);
                    SkipSpace(s, ref i);
                    var d = Next(s, i);
                    i++;
                    if (d == ']')
                    {
                        return;
                    }
                    if (d != ',')
                    {
                        throw Fail(Invalid(d, "after array element"));
                    }
                }
            case '"':
                String(s, ref i);
                return;
            case 't':
                Literal(s, ref i, "true");
                return;
            case 'f':
                Literal(s, ref i, "false");
                return;
            case 'n':
                Literal(s, ref i, "null");
                return;
            case '-' or (>= '0' and <= '9'):
                Number(s, ref i);
                return;
            default:
                throw Fail(Invalid(c, "looking for beginning of value"));
        }
    }

    private static void Literal(string s, ref int i, string literal)
    {
        for (var k = 1; k < literal.Length; k++)
        {
            var c = Next(s, i + k);
            if (c != literal[k])
            {
                throw Fail(Invalid(c, "in literal " + literal + " (expecting " + QuoteChar(literal[k]) + ")"));
            }
        }
        i += literal.Length;
    }

    private static void String(string s, ref int i)
    {
        i++;
        while (true)
        {
            var c = Next(s, i);
            i++;
            if (c == '"')
            {
                return;
            }
            if (c < 0x20)
            {
                throw Fail(Invalid(c, "in string literal"));
            }
            if (c == '\\')
            {
                var e = Next(s, i);
                i++;
                if (e == 'u')
                {
                    for (var k = 0; k < 4; k++)
                    {
                        var h = Next(s, i);
                        i++;
                        if (!char.IsAsciiHexDigit(h))
                        {
                            throw Fail(Invalid(h, "in \\u hexadecimal character escape"));
                        }
                    }
                }
                else if (!"\"\\/bfnrt".Contains(e, StringComparison.Ordinal))
                {
                    throw Fail(Invalid(e, "in string escape code"));
                }
            }
        }
    }

    private static void Number(string s, ref int i)
    {
        if (s[i] == '-')
        {
            i++;
            var c = Next(s, i);
            if (c is < '0' or > '9')
            {
                throw Fail(Invalid(c, "in numeric literal"));
            }
        }
        if (s[i] == '0')
        {
            i++;
        }
        else
        {
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
        }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var c = Next(s, i);
            if (!char.IsAsciiDigit(c))
            {
                throw Fail(Invalid(c, "after decimal point in numeric literal"));
            }
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
        }
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-')
            {
                i++;
            }
            var c = Next(s, i);
            if (!char.IsAsciiDigit(c))
            {
                throw Fail(Invalid(c, "in exponent of numeric literal"));
            }
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
        }
    }
}
