using System.Text;

namespace Gyre.Templates.Sprig;

/// <summary>huandu/xstrings 1.3.3 ToCamelCase, ToSnakeCase and ToKebabCase (word splitting included).</summary>
internal static class CaseConversion
{
    private enum WordType
    {
        Invalid,
        Number,
        UpperCase,
        Alphabet,
        Connector,
        Punct,
        Other,
    }

    private static bool IsConnector(char r) => r is '-' or '_' || char.IsWhiteSpace(r);

    private static bool IsAlphabet(char r) => char.IsLetter(r);

    private static bool IsPunct(char r) => char.IsPunctuation(r);

    public static string ToCamelCase(string str)
    {
        if (str.Length == 0)
        {
            return "";
        }
        var sb = new StringBuilder();
        var i = 0;
        var r0 = '\0';
        var got = false;
        while (i < str.Length)
        {
            r0 = str[i++];
            got = true;
            if (!IsConnector(r0))
            {
                r0 = char.ToUpperInvariant(r0);
                break;
            }
            sb.Append(r0);
        }
        if (i >= str.Length)
        {
            if (got && !IsConnector(r0))
            {
                sb.Append(r0);
            }
            return sb.ToString();
        }
        while (i < str.Length)
        {
            var r1 = r0;
            r0 = str[i++];
            if (IsConnector(r0) && IsConnector(r1))
            {
                sb.Append(r1);
                continue;
            }
            if (IsConnector(r1))
            {
                r0 = char.ToUpperInvariant(r0);
            }
            else
            {
                r0 = char.ToLowerInvariant(r0);
                sb.Append(r1);
            }
        }
        sb.Append(r0);
        return sb.ToString();
    }

    public static string ToSnakeCase(string str) => CamelCaseToLowerCase(str, '_');

    public static string ToKebabCase(string str) => CamelCaseToLowerCase(str, '-');

    private static string CamelCaseToLowerCase(string str, char connector)
    {
        if (str.Length == 0)
        {
            return "";
        }
        var buf = new StringBuilder();
        var (wt, word, remaining) = NextWord(str);
        while (remaining.Length > 0)
        {
            if (wt != WordType.Connector)
            {
                ToLower(buf, wt, word, connector);
            }
            var prev = wt;
            var last = word;
            (wt, word, remaining) = NextWord(remaining);
            switch (prev)
            {
                case WordType.Number:
                    while (wt is WordType.Alphabet or WordType.Number)
                    {
                        ToLower(buf, wt, word, connector);
                        (wt, word, remaining) = NextWord(remaining);
                    }
                    if (wt is not (WordType.Invalid or WordType.Punct or WordType.Connector))
                    {
                        buf.Append(connector);
                    }
                    break;
                case WordType.Connector:
                    ToLower(buf, prev, last, connector);
                    break;
                case WordType.Punct:
                    break;
                default:
                    if (wt != WordType.Number)
                    {
                        if (wt is not (WordType.Connector or WordType.Punct))
                        {
                            buf.Append(connector);
                        }
                        break;
                    }
                    if (remaining.Length == 0)
                    {
                        break;
                    }
                    var lastNumber = word;
                    (wt, word, remaining) = NextWord(remaining);
                    if (wt != WordType.Alphabet)
                    {
                        ToLower(buf, WordType.Number, lastNumber, connector);
                        if (wt is not (WordType.Connector or WordType.Punct))
                        {
                            buf.Append(connector);
                        }
                        break;
                    }
                    buf.Append(connector);
                    ToLower(buf, WordType.Number, lastNumber, connector);
                    while (wt is WordType.Alphabet or WordType.Number)
                    {
                        ToLower(buf, wt, word, connector);
                        (wt, word, remaining) = NextWord(remaining);
                    }
                    if (wt is not (WordType.Invalid or WordType.Connector or WordType.Punct))
                    {
                        buf.Append(connector);
                    }
                    break;
            }
        }
        ToLower(buf, wt, word, connector);
        return buf.ToString();
    }

    private static (WordType Type, string Word, string Remaining) NextWord(string str)
    {
        if (str.Length == 0)
        {
            return (WordType.Invalid, "", "");
        }
        var offset = 1;
        var pos = 1;
        var r = str[0];
        WordType wt;
        if (IsConnector(r))
        {
            wt = WordType.Connector;
            while (pos < str.Length && IsConnector(str[pos]))
            {
                pos++;
                offset++;
            }
        }
        else if (IsPunct(r))
        {
            wt = WordType.Punct;
            while (pos < str.Length && IsPunct(str[pos]))
            {
                pos++;
                offset++;
            }
        }
        else if (char.IsUpper(r))
        {
            wt = WordType.UpperCase;
            if (pos < str.Length)
            {
                var next = str[pos];
                if (char.IsUpper(next))
                {
                    pos++;
                    offset++;
                    char c = next;
                    while (pos < str.Length)
                    {
                        c = str[pos];
                        if (!char.IsUpper(c))
                        {
                            break;
                        }
                        pos++;
                        offset++;
                    }
                    if (pos < str.Length && IsAlphabet(c))
                    {
                        offset--;
                        pos = offset;
                    }
                }
                else if (IsAlphabet(next))
                {
                    while (pos < str.Length && IsAlphabet(str[pos]) && !char.IsUpper(str[pos]))
                    {
                        pos++;
                        offset++;
                    }
                }
            }
        }
        else if (IsAlphabet(r))
        {
            wt = WordType.Alphabet;
            while (pos < str.Length && IsAlphabet(str[pos]) && !char.IsUpper(str[pos]))
            {
                pos++;
                offset++;
            }
        }
        else if (char.IsDigit(r) || char.IsNumber(r))
        {
            wt = WordType.Number;
            while (pos < str.Length && char.IsNumber(str[pos]))
            {
                pos++;
                offset++;
            }
        }
        else
        {
            wt = WordType.Other;
            while (pos < str.Length && !(IsConnector(str[pos]) || IsAlphabet(str[pos]) || char.IsNumber(str[pos]) || IsPunct(str[pos])))
            {
                pos++;
                offset++;
            }
        }
        return (wt, str[..offset], str[offset..]);
    }

    private static void ToLower(StringBuilder buf, WordType wt, string str, char connector)
    {
        if (wt is not (WordType.UpperCase or WordType.Connector))
        {
            buf.Append(str);
            return;
        }
        foreach (var r in str)
        {
            buf.Append(IsConnector(r) ? connector : char.IsUpper(r) ? char.ToLowerInvariant(r) : r);
        }
    }
}
