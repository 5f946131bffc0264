using System.Globalization;
using System.Text;

namespace Gyre.Templates.Formatting;

/// <summary>strconv.Quote, QuoteToASCII and QuoteRune as Go writes them.</summary>
internal static class GoQuote
{
    public static string Quote(string s) => Quote(s, '"', asciiOnly: false);

    public static string Quote(string s, char quote, bool asciiOnly)
    {
        var sb = new StringBuilder(s.Length + 2);
        AppendQuoted(sb, s, quote, asciiOnly);
        return sb.ToString();
    }

    public static void AppendQuoted(StringBuilder sb, string s, char quote, bool asciiOnly)
    {
        sb.Append(quote);
        for (var i = 0; i < s.Length; i++)
        {
            int r = s[i];
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                r = char.ConvertToUtf32(s[i], s[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                r = 0xFFFD;
            }
            AppendEscapedRune(sb, r, quote, asciiOnly);
        }
        sb.Append(quote);
    }

    public static string QuoteRune(long r, bool asciiOnly)
    {
        if (r is < 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF))
        {
            r = 0xFFFD;
        }
        var sb = new StringBuilder();
        sb.Append('\'');
        AppendEscapedRune(sb, (int)r, '\'', asciiOnly);
        sb.Append('\'');
        return sb.ToString();
    }

    private static void AppendEscapedRune(StringBuilder sb, int r, char quote, bool asciiOnly)
    {
        if (r == quote || r == '\\')
        {
            sb.Append('\\').Append((char)r);
            return;
        }
        if (asciiOnly ? r < 0x80 && IsPrint(r) : IsPrint(r))
        {
            sb.Append(char.ConvertFromUtf32(r));
            return;
        }
        switch (r)
        {
            case 7: sb.Append("\\a"); return;
            case 8: sb.Append("\\b"); return;
            case 12: sb.Append("\\f"); return;
            case 10: sb.Append("\\n"); return;
            case 13: sb.Append("\\r"); return;
            case 9: sb.Append("\\t"); return;
            case 11: sb.Append("\\v"); return;
        }
        if (r < ' ' || r == 0x7f)
        {
            sb.Append("\\x").Append(r.ToString("x2", CultureInfo.InvariantCulture));
        }
        else if (r < 0x10000)
        {
            sb.Append("\\u").Append(r.ToString("x4", CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append("\\U").Append(r.ToString("x8", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrint(int r)
    {
        if (r < 0x80)
        {
            return r >= 0x20 && r < 0x7f;
        }
        if (r is >= 0xD800 and <= 0xDFFF || r > 0x10FFFF)
        {
            return false;
        }
        var cat = CharUnicodeInfo.GetUnicodeCategory(r);
        return cat switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }

    /// <summary>strconv.CanBackquote.</summary>
    public static bool CanBackquote(string s)
    {
        foreach (var c in s)
        {
            if (c == '`' || c == '\uFEFF' || (c < ' ' && c != '\t') || c == 0x7f)
            {
                return false;
            }
        }
        return true;
    }
}
