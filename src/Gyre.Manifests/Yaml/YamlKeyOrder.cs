using System.Text;

namespace Gyre.Manifests.Yaml;

/// <summary>
/// The order go-yaml v2 sorts map keys in when it writes a map (sorter.go keyList.Less; kubectl -o yaml and kustomize
/// go through it): letters compare as runes, non-letters sort before letters, and runs of digits compare by numeric
/// value ("a2" before "a10").
/// </summary>
public sealed class YamlKeyOrder : IComparer<string>
{
    private const int StackLimit = 256;

    public static readonly YamlKeyOrder Instance = new();

    private YamlKeyOrder()
    {
    }

    /// <summary>
    /// A map's entries as go-yaml prints them, one per key (a repeated key keeps its last value). The entries are put
    /// in byte order first, as encoding/json hands them to go-yaml, then reordered with go-yaml's comparison. That
    /// comparison is not transitive for some mixes of numbers and letters ("16" &lt; "1e+30" &lt; "3.1" &lt; "16"), so the
    /// algorithm matters: Go insertion-sorts slices of up to 12 elements, which is reproduced exactly; longer lists use
    /// a comparison sort, identical whenever the keys are consistently ordered.
    /// </summary>
    public static List<KeyValuePair<string, T>> Sort<T>(IEnumerable<KeyValuePair<string, T>> entries)
    {
        var list = entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            if (string.Equals(list[i].Key, list[i - 1].Key, StringComparison.Ordinal))
            {
                list.RemoveAt(i - 1);
            }
        }

        if (list.Count > 12)
        {
            list.Sort((a, b) => Instance.Compare(a.Key, b.Key));
            return list;
        }

        for (var i = 1; i < list.Count; i++)
        {
            for (var j = i; j > 0 && Less(list[j].Key, list[j - 1].Key); j--)
            {
                (list[j], list[j - 1]) = (list[j - 1], list[j]);
            }
        }

        return list;
    }

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        if (Less(x, y))
        {
            return -1;
        }

        return Less(y, x) ? 1 : string.CompareOrdinal(x, y);
    }

    private static bool Less(string a, string b)
    {
        Span<int> aBuffer = a.Length <= StackLimit ? stackalloc int[a.Length] : new int[a.Length];
        Span<int> bBuffer = b.Length <= StackLimit ? stackalloc int[b.Length] : new int[b.Length];
        return Less(CodePoints(a, aBuffer), CodePoints(b, bBuffer));
    }

    // sorter.go compares []rune(key); digits add their value as `r - '0'`, as Go's code does.
    private static bool Less(ReadOnlySpan<int> ar, ReadOnlySpan<int> br)
    {
        for (var i = 0; i < ar.Length && i < br.Length; i++)
        {
            if (ar[i] == br[i])
            {
                continue;
            }

            var al = IsLetter(ar[i]);
            var bl = IsLetter(br[i]);
            if (al && bl)
            {
                return ar[i] < br[i];
            }

            if (al || bl)
            {
                return bl;
            }

            long an = 0, bn = 0;
            if (ar[i] == '0' || br[i] == '0')
            {
                for (var j = i - 1; j >= 0 && IsDigit(ar[j]); j--)
                {
                    if (ar[j] != '0')
                    {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }

            var ai = i;
            for (; ai < ar.Length && IsDigit(ar[ai]); ai++)
            {
                an = (an * 10) + (ar[ai] - '0');
            }

            var bi = i;
            for (; bi < br.Length && IsDigit(br[bi]); bi++)
            {
                bn = (bn * 10) + (br[bi] - '0');
            }

            if (an != bn)
            {
                return an < bn;
            }

            if (ai != bi)
            {
                return ai < bi;
            }

            return ar[i] < br[i];
        }

        return ar.Length < br.Length;
    }

    private static ReadOnlySpan<int> CodePoints(string s, Span<int> buffer)
    {
        var n = 0;
        for (var i = 0; i < s.Length; n++)
        {
            buffer[n] = YamlEmitter.RuneAt(s, i, out var width).Value;
            i += width;
        }

        return buffer[..n];
    }

    private static bool IsLetter(int c) => c < 0x80 ? char.IsAsciiLetter((char)c) : Rune.IsLetter(new Rune(c));

    private static bool IsDigit(int c) => c < 0x80 ? char.IsAsciiDigit((char)c) : Rune.IsDigit(new Rune(c));
}
