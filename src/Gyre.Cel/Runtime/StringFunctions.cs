using System.Text;
using Gyre.Cel.Values;

namespace Gyre.Cel.Runtime;

/// <summary>
/// String members: the standard <c>contains startsWith endsWith matches size</c> and cel-go's strings extension that
/// Kubernetes enables (<c>charAt indexOf lastIndexOf lowerAscii upperAscii replace split substring trim</c>).
/// Indexes count code points.
/// </summary>
internal static class StringFunctions
{
    public static object Invoke(string function, string s, object[] args, RegexCache regexes) => (function, args) switch
    {
        ("size", []) => (long)CodePoints.Count(s),
        ("contains", [string x]) => s.Contains(x, StringComparison.Ordinal),
        ("startsWith", [string x]) => s.StartsWith(x, StringComparison.Ordinal),
        ("endsWith", [string x]) => s.EndsWith(x, StringComparison.Ordinal),
        ("matches", [string pattern]) => regexes.Matches(s, pattern),
        ("lowerAscii", []) => MapAscii(s, char.ToLowerInvariant),
        ("upperAscii", []) => MapAscii(s, char.ToUpperInvariant),
        ("trim", []) => s.Trim(),
        ("charAt", [long i]) => CharAt(s, i),
        ("indexOf", [string x]) => IndexOf(s, x, 0),
        ("indexOf", [string x, long from]) => IndexOf(s, x, from),
        ("lastIndexOf", [string x]) => LastIndexOf(s, x, long.MaxValue),
        ("lastIndexOf", [string x, long from]) => LastIndexOf(s, x, from),
        ("substring", [long start]) => Substring(s, start, CodePoints.Count(s)),
        ("substring", [long start, long end]) => Substring(s, start, end),
        ("replace", [string from, string to]) => Replace(s, from, to, -1),
        ("replace", [string from, string to, long n]) => Replace(s, from, to, n),
        ("split", [string sep]) => Split(s, sep, -1),
        ("split", [string sep, long n]) => Split(s, sep, n),
        _ => throw CelErrorException.NoOverload(function, [s, .. args]),
    };

    private static string MapAscii(string s, Func<char, char> map)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsAscii(chars[i]))
            {
                chars[i] = map(chars[i]);
            }
        }

        return new string(chars);
    }

    private static string CharAt(string s, long i)
    {
        var runes = CodePoints.Of(s);
        if (i < 0 || i > runes.Length)
        {
            throw new CelErrorException($"index out of range: {i}");
        }

        return i == runes.Length ? string.Empty : runes[i].ToString();
    }

    private static long IndexOf(string s, string x, long from)
    {
        var runes = CodePoints.Of(s);
        if (from < 0 || from > runes.Length)
        {
            throw new CelErrorException($"index out of range: {from}");
        }

        var needle = CodePoints.Of(x);
        for (var i = (int)from; i + needle.Length <= runes.Length; i++)
        {
            if (runes.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }

    private static long LastIndexOf(string s, string x, long from)
    {
        var runes = CodePoints.Of(s);
        if (from != long.MaxValue && (from < 0 || from > runes.Length))
        {
            throw new CelErrorException($"index out of range: {from}");
        }

        var needle = CodePoints.Of(x);
        var start = (int)Math.Min(from, runes.Length - needle.Length);
        for (var i = start; i >= 0; i--)
        {
            if (runes.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Substring(string s, long start, long end)
    {
        var runes = CodePoints.Of(s);
        if (start < 0 || start > runes.Length || end < start || end > runes.Length)
        {
            throw new CelErrorException($"index out of range: substring({start}, {end}) of a string of length {runes.Length}");
        }

        return CodePoints.Join(runes.AsSpan((int)start, (int)(end - start)));
    }

    // As Go's strings.Replace: n < 0 replaces all; an empty 'from' inserts before each code point and at the end.
    private static string Replace(string s, string from, string to, long n)
    {
        if (n < 0 && from.Length > 0)
        {
            return s.Replace(from, to, StringComparison.Ordinal);
        }

        var text = new StringBuilder();
        var position = 0;
        for (var done = 0L; n < 0 || done < n; done++)
        {
            int next;
            if (from.Length == 0)
            {
                if (position > s.Length)
                {
                    break;
                }

                next = position;
            }
            else
            {
                next = s.IndexOf(from, position, StringComparison.Ordinal);
                if (next < 0)
                {
                    break;
                }
            }

            text.Append(s, position, next - position).Append(to);
            if (from.Length == 0)
            {
                var step = next < s.Length ? Rune.GetRuneAt(s, next).Utf16SequenceLength : 1;
                text.Append(s, next, Math.Min(step, s.Length - next));
                position = next + step;
            }
            else
            {
                position = next + from.Length;
            }
        }

        return position >= s.Length ? text.ToString() : text.Append(s, position, s.Length - position).ToString();
    }

    // As Go's strings.SplitN: n == 0 gives an empty list, n < 0 all parts, an empty separator splits code points.
    private static object[] Split(string s, string sep, long n)
    {
        if (n == 0)
        {
            return [];
        }

        if (sep.Length == 0)
        {
            var runes = CodePoints.Of(s).Select(r => (object)r.ToString()).ToList();
            if (n > 0 && runes.Count > n)
            {
                var head = runes.Take((int)n - 1).ToList();
                head.Add(CodePoints.Join(CodePoints.Of(s).AsSpan((int)n - 1)));
                return [.. head];
            }

            return [.. runes];
        }

        var parts = n < 0 ? s.Split(sep) : s.Split(sep, (int)Math.Min(n, int.MaxValue));
        return [.. parts];
    }
}
