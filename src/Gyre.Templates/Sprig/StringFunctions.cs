using System.Globalization;
using System.Text;
using Gyre.Templates.Formatting;
using Gyre.Templates.Functions;
using static Gyre.Templates.Sprig.SprigFunctions;

namespace Gyre.Templates.Sprig;

/// <summary>Sprig's string functions (strings.go and the goutils/xstrings helpers it calls).</summary>
internal static class StringFunctions
{
    private const ArgType Str = ArgType.String;
    private const ArgType Int = ArgType.Int;
    private const ArgType Any = ArgType.Any;

    public static void Register(Dictionary<string, TemplateFunction> m)
    {
        m["hello"] = F(_ => "Hello!");
        m["abbrev"] = F(a => Abbrev(I(a[0]), S(a[1])), Int, Str);
        m["abbrevboth"] = F(a => AbbrevBoth(I(a[0]), I(a[1]), S(a[2])), Int, Int, Str);
        m["trunc"] = F(a => Trunc(I(a[0]), S(a[1])), Int, Str);
        m["trim"] = F(a => S(a[0]).Trim(GoSpace), Str);
        m["upper"] = F(a => S(a[0]).ToUpperInvariant(), Str);
        m["lower"] = F(a => S(a[0]).ToLowerInvariant(), Str);
        m["title"] = F(a => Title(S(a[0])), Str);
        m["untitle"] = F(a => Untitle(S(a[0])), Str);
        m["substr"] = F(a => Substring(I(a[0]), I(a[1]), S(a[2])), Int, Int, Str);
        m["repeat"] = F(a => Repeat(S(a[1]), I(a[0])), Int, Str);
        m["trimall"] = m["trimAll"] = F(a => S(a[1]).Trim(S(a[0]).ToCharArray()), Str, Str);
        m["trimSuffix"] = F(a => S(a[1]).EndsWith(S(a[0]), StringComparison.Ordinal) ? S(a[1])[..^S(a[0]).Length] : S(a[1]), Str, Str);
        m["trimPrefix"] = F(a => S(a[1]).StartsWith(S(a[0]), StringComparison.Ordinal) ? S(a[1])[S(a[0]).Length..] : S(a[1]), Str, Str);
        m["nospace"] = F(a => new string(S(a[0]).Where(c => !IsGoSpace(c)).ToArray()), Str);
        m["initials"] = F(a => Initials(S(a[0])), Str);
        m["swapcase"] = F(a => SwapCase(S(a[0])), Str);
        m["camelcase"] = F(a => CaseConversion.ToCamelCase(S(a[0])), Str);
        m["snakecase"] = F(a => CaseConversion.ToSnakeCase(S(a[0])), Str);
        m["kebabcase"] = F(a => CaseConversion.ToKebabCase(S(a[0])), Str);
        m["wrap"] = F(a => WrapCustom(S(a[1]), I(a[0]), "", false), Int, Str);
        m["wrapWith"] = F(a => WrapCustom(S(a[2]), I(a[0]), S(a[1]), true), Int, Str, Str);
        m["contains"] = F(a => S(a[1]).Contains(S(a[0]), StringComparison.Ordinal), Str, Str);
        m["hasPrefix"] = F(a => S(a[1]).StartsWith(S(a[0]), StringComparison.Ordinal), Str, Str);
        m["hasSuffix"] = F(a => S(a[1]).EndsWith(S(a[0]), StringComparison.Ordinal), Str, Str);
        m["quote"] = V(a => string.Join(' ', a.Where(x => x != null).Select(x => GoQuote.Quote(Cast.StrVal(x)))), Any);
        m["squote"] = V(a => string.Join(' ', a.Where(x => x != null).Select(x => "'" + GoPrinter.Sprintf("%v", [x]) + "'")), Any);
        m["cat"] = V(a => Cat(a), Any);
        m["indent"] = F(a => Indent(I(a[0]), S(a[1])), Int, Str);
        m["nindent"] = F(a => "\n" + Indent(I(a[0]), S(a[1])), Int, Str);
        m["replace"] = F(a => S(a[0]).Length == 0 ? ReplaceEmpty(S(a[2]), S(a[1])) : S(a[2]).Replace(S(a[0]), S(a[1]), StringComparison.Ordinal), Str, Str, Str);
        m["plural"] = F(a => (long)a[2]! == 1 ? a[0] : a[1], Str, Str, Int);
        m["toString"] = F(a => Cast.StrVal(a[0]), Any);
        m["split"] = F(a => ToIndexedMap(GoSplit(S(a[1]), S(a[0]), -1)), Str, Str);
        m["splitn"] = F(a => ToIndexedMap(GoSplit(S(a[2]), S(a[0]), I(a[1]))), Str, Int, Str);
        m["splitList"] = F(a => GoSplit(S(a[1]), S(a[0]), -1), Str, Str);
        m["toStrings"] = F(a => Cast.StrSlice(a[0]), Any);
        m["join"] = F(a => string.Join(S(a[0]), Cast.StrSlice(a[1])), Str, Any);
        m["sortAlpha"] = F(a => SortAlpha(a[0]), Any);
        m["shuffle"] = F(a => Shuffle(S(a[0])), Str);
        m["randAlphaNum"] = F(a => Random(I(a[0]), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"), Int);
        m["randAlpha"] = F(a => Random(I(a[0]), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"), Int);
        m["randNumeric"] = F(a => Random(I(a[0]), "0123456789"), Int);
        m["randAscii"] = F(a => Random(I(a[0]), Ascii), Int);
    }

    private static readonly string Ascii = new(Enumerable.Range(32, 95).Select(i => (char)i).ToArray());

    internal static readonly char[] GoSpace = [' ', '\t', '\n', '\v', '\f', '\r', '\u0085', '\u00A0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003',
        '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200A', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000'];

    internal static bool IsGoSpace(char c) => Array.IndexOf(GoSpace, c) >= 0;

    private static string Random(int count, string alphabet)
    {
        if (count < 0)
        {
            throw new TemplateFunctionException("Requested random string length " + count.ToString(CultureInfo.InvariantCulture) + " is less than 0.");
        }
        var sb = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            sb.Append(alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)]);
        }
        return sb.ToString();
    }

    private static string Shuffle(string s)
    {
        var chars = s.ToCharArray();
        System.Security.Cryptography.RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static string Repeat(string s, int count) =>
        count < 0 ? throw new TemplateFunctionException("strings: negative Repeat count") : new StringBuilder().Insert(0, s, count).ToString();

    private static string ReplaceEmpty(string src, string repl)
    {
        // strings.Replace with an empty old string inserts repl before every rune and at the end.
        var sb = new StringBuilder();
        foreach (var r in src.EnumerateRunes())
        {
            sb.Append(repl).Append(r.ToString());
        }
        return sb.Append(repl).ToString();
    }

    private static string Abbrev(int width, string s)
    {
        if (width < 4)
        {
            return s;
        }
        return AbbreviateFull(s, 0, width);
    }

    private static string AbbrevBoth(int left, int right, string s)
    {
        if (right < 4 || (left > 0 && right < 7))
        {
            return s;
        }
        return AbbreviateFull(s, left, right);
    }

    // goutils.AbbreviateFull (errors are swallowed by Sprig into "").
    private static string AbbreviateFull(string str, int offset, int maxWidth)
    {
        if (str.Length == 0)
        {
            return "";
        }
        if (maxWidth < 4)
        {
            return "";
        }
        var len = Cast.ByteLength(str);
        if (len <= maxWidth)
        {
            return str;
        }
        if (offset > len)
        {
            offset = len;
        }
        if (len - offset < maxWidth - 3)
        {
            offset = len - (maxWidth - 3);
        }
        if (offset <= 4)
        {
            return Cast.ByteSlice(str, 0, maxWidth - 3) + "...";
        }
        if (maxWidth < 7)
        {
            return "";
        }
        if (offset + maxWidth - 3 < len)
        {
            return "..." + AbbreviateFull(Cast.ByteSlice(str, offset, len), 0, maxWidth - 3);
        }
        return "..." + Cast.ByteSlice(str, len - (maxWidth - 3), len);
    }

    private static string Trunc(int c, string s)
    {
        var len = Cast.ByteLength(s);
        if (c < 0 && len + c > 0)
        {
            return Cast.ByteSlice(s, len + c, len);
        }
        if (c >= 0 && len > c)
        {
            return Cast.ByteSlice(s, 0, c);
        }
        return s;
    }

    private static string Substring(int start, int end, string s)
    {
        var len = Cast.ByteLength(s);
        if (start < 0)
        {
            return Cast.ByteSlice(s, 0, end);
        }
        if (end < 0 || end > len)
        {
            return Cast.ByteSlice(s, start, len);
        }
        return Cast.ByteSlice(s, start, end);
    }

    // strings.Title: upper-case the first letter of every word (words separated by non-letters/digits/underscore).
    private static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var prev = ' ';
        foreach (var c in s)
        {
            sb.Append(IsSeparator(prev) ? char.ToUpperInvariant(c) : c);
            prev = c;
        }
        return sb.ToString();
    }

    private static bool IsSeparator(char r)
    {
        if (r <= 0x7F)
        {
            return !(char.IsAsciiLetterOrDigit(r) || r == '_');
        }
        if (char.IsLetterOrDigit(r))
        {
            return false;
        }
        return char.IsWhiteSpace(r);
    }

    // goutils.Uncapitalize: the first letter of every whitespace-separated word in lower case.
    private static string Untitle(string s)
    {
        var sb = new StringBuilder(s.Length);
        var gap = true;
        foreach (var c in s)
        {
            sb.Append(gap ? char.ToLowerInvariant(c) : c);
            gap = char.IsWhiteSpace(c);
        }
        return sb.ToString();
    }

    private static string Initials(string s)
    {
        var sb = new StringBuilder();
        var lastWasGap = true;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                lastWasGap = true;
            }
            else if (lastWasGap)
            {
                sb.Append(c);
                lastWasGap = false;
            }
        }
        return sb.ToString();
    }

    private static string SwapCase(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            sb.Append(char.IsUpper(c) ? char.ToLowerInvariant(c) : char.IsLower(c) ? char.ToUpperInvariant(c) : c);
        }
        return sb.ToString();
    }

    private static string Cat(object?[] a)
    {
        var parts = a.Where(x => x != null).Select(x => GoPrinter.Sprintf("%v", [x]));
        return string.Join(' ', parts);
    }

    private static string Indent(int spaces, string v)
    {
        var pad = new string(' ', Math.Max(0, spaces));
        return pad + v.Replace("\n", "\n" + pad, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> ToIndexedMap(string[] parts)
    {
        var res = new Dictionary<string, string>(parts.Length, StringComparer.Ordinal);
        for (var i = 0; i < parts.Length; i++)
        {
            res["_" + i.ToString(CultureInfo.InvariantCulture)] = parts[i];
        }
        return res;
    }

    /// <summary>strings.SplitN (n &lt; 0: all; n == 0: nil; an empty separator splits into runes).</summary>
    internal static string[] GoSplit(string s, string sep, int n)
    {
        if (n == 0)
        {
            return [];
        }
        if (sep.Length == 0)
        {
            var runes = s.EnumerateRunes().Select(r => r.ToString()).ToList();
            if (n > 0 && runes.Count > n)
            {
                var head = runes.Take(n - 1).ToList();
                head.Add(string.Concat(runes.Skip(n - 1)));
                return head.ToArray();
            }
            return runes.ToArray();
        }
        return n < 0 ? s.Split(sep) : s.Split(sep, n);
    }

    private static string[] SortAlpha(object? list)
    {
        if (Cast.AsList(list) == null)
        {
            return [Cast.StrVal(list)];
        }
        var a = (string[])Cast.StrSlice(list).Clone();
        Array.Sort(a, StringComparer.Ordinal);
        return a;
    }

    // goutils.WrapCustom.
    internal static string WrapCustom(string str, int wrapLength, string newLineStr, bool wrapLongWords)
    {
        if (str.Length == 0)
        {
            return "";
        }
        if (newLineStr.Length == 0)
        {
            newLineStr = "\n";
        }
        if (wrapLength < 1)
        {
            wrapLength = 1;
        }
        var inputLineLength = str.Length;
        var offset = 0;
        var sb = new StringBuilder();
        while (inputLineLength - offset > wrapLength)
        {
            if (str[offset] == ' ')
            {
                offset++;
                continue;
            }
            var end = wrapLength + offset + 1;
            var spaceToWrapAt = str[offset..end].LastIndexOf(' ') + offset;
            if (spaceToWrapAt >= offset)
            {
                sb.Append(str, offset, spaceToWrapAt - offset).Append(newLineStr);
                offset = spaceToWrapAt + 1;
            }
            else if (wrapLongWords)
            {
                sb.Append(str, offset, wrapLength).Append(newLineStr);
                offset += wrapLength;
            }
            else
            {
                end = wrapLength + offset;
                var index = str.IndexOf(' ', end);
                if (index == -1)
                {
                    sb.Append(str, offset, str.Length - offset);
                    offset = inputLineLength;
                }
                else
                {
                    sb.Append(str, offset, index - offset).Append(newLineStr);
                    offset = index + 1;
                }
            }
        }
        sb.Append(str, offset, str.Length - offset);
        return sb.ToString();
    }
}
