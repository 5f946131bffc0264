using System.Globalization;
using System.Text;
using Gyre.Templates.Execution;

namespace Gyre.Templates.Helm;

/// <summary>
/// What go-yaml makes of the text encoding/json leaves unescaped when sigs.k8s.io/yaml reads the JSON back: DEL, C1
/// controls other than NEL, U+FFFE and U+FFFF stop the reader; a raw NEL (U+0085) is a line break, folded like one
/// inside a quoted scalar, and makes a mapping key unreadable.
/// </summary>
internal static class HelmYamlReadBack
{
    private const char Nel = '\u0085';

    /// <summary>Whether the reader accepts <paramref name="s"/> as string content.</summary>
    public static bool Readable(string s)
    {
        var span = s.AsSpan();
        return span.IndexOfAnyInRange('\u007f', '\u0084') < 0 && span.IndexOfAnyInRange('\u0086', '\u009f') < 0 &&
            span.IndexOfAnyInRange('\ufffe', '\uffff') < 0;
    }

    /// <summary>Whether a mapping key reads back (a key spanning lines does not, in JSON's flow mapping).</summary>
    public static bool ReadableKey(string key) => Readable(key) && !key.Contains(Nel, StringComparison.Ordinal);

    /// <summary>
    /// The string as read back from a double-quoted JSON string: each run of spaces and NELs holding a NEL becomes one
    /// space, or, with more NELs, a line feed per NEL after the first (libyaml's flow scalar line folding).
    /// </summary>
    public static string Fold(string s)
    {
        if (!s.Contains(Nel, StringComparison.Ordinal))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && s[i] is not (' ' or Nel))
            {
                sb.Append(s[i++]);
            }

            var spaces = 0;
            var breaks = 0;
            for (; i < s.Length && s[i] is ' ' or Nel; i++)
            {
                if (s[i] == Nel)
                {
                    breaks++;
                }
                else if (breaks == 0)
                {
                    spaces++;
                }
            }

            if (breaks == 0)
            {
                sb.Append(' ', spaces);
            }
            else
            {
                sb.Append(breaks == 1 ? ' ' : '\n', breaks == 1 ? 1 : breaks - 1);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// go-yaml's error for a value whose JSON text does not read back: the reader's, else the parser's at the first
    /// key holding a NEL, on the line that NEL breaks into (counting the NELs before it in JSON order).
    /// </summary>
    public static string Error(object? v)
    {
        var lines = 0;
        if (AllReadable(v) && KeyError(v, ref lines) is { } keyError)
        {
            return keyError;
        }

        return "yaml: control characters are not allowed";
    }

    private static bool AllReadable(object? v) => v switch
    {
        string s => Readable(s),
        Dictionary<string, object?> m => m.All(kv => Readable(kv.Key) && AllReadable(kv.Value)),
        Dictionary<string, string> ms => ms.All(kv => Readable(kv.Key) && Readable(kv.Value)),
        List<object?> l => l.All(AllReadable),
        string[] a => a.All(Readable),
        _ => true,
    };

    private static string? KeyError(object? v, ref int lines)
    {
        switch (v)
        {
            case string s:
                lines += s.Count(c => c == Nel);
                return null;
            case Dictionary<string, object?> or Dictionary<string, string>:
                var entries = v is Dictionary<string, object?> m ? m.ToList() : ((Dictionary<string, string>)v).Select(kv => KeyValuePair.Create(kv.Key, (object?)kv.Value)).ToList();
                foreach (var (key, value) in entries.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    lines += key.Count(c => c == Nel);
                    if (key.Contains(Nel, StringComparison.Ordinal))
                    {
                        return string.Create(CultureInfo.InvariantCulture, $"yaml: line {lines}: did not find expected ',' or '}}'");
                    }

                    if (KeyError(value, ref lines) is { } error)
                    {
                        return error;
                    }
                }

                return null;
            case List<object?> or string[]:
                for (var i = 0; i < GoTypes.Length(v); i++)
                {
                    if (KeyError(GoTypes.SliceAt(v!, i), ref lines) is { } error)
                    {
                        return error;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
