using System.Text;

namespace Gyre.Manifests.Yaml;

/// <summary>
/// The order go-yaml v2 sorts map keys in when it writes a map (kubectl -o yaml goes through it): letters compare as
/// runes, non-letters sort before letters, and runs of digits compare by numeric value ("a2" before "a10").
/// </summary>
internal sealed class YamlKeyOrder : IComparer<string>
{
    public static readonly YamlKeyOrder Instance = new();

    /// <summary>
    /// Orders keys as kubectl prints them: encoding/json hands go-yaml the keys in byte order, and Go's sort.Sort
    /// reorders them with go-yaml's comparison. That comparison is not transitive for some mixes of numbers and
    /// letters ("16" &lt; "1e+30" &lt; "3.1" &lt; "16"), so the algorithm matters: Go insertion-sorts slices of up to 12
    /// elements, which is reproduced exactly; longer key lists use a comparison sort, identical whenever the keys are
    /// consistently ordered.
    /// </summary>
    public static List<string> Sort(IEnumerable<string> keys)
    {
        var list = keys.Order(StringComparer.Ordinal).ToList();
        if (list.Count > 12)
        {
            list.Sort(Instance);
            return list;
        }

        for (var i = 1; i < list.Count; i++)
        {
            for (var j = i; j > 0 && Less(list[j], list[j - 1]); j--)
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
        var ar = Runes(a);
        var br = Runes(b);
        for (var i = 0; i < ar.Length && i < br.Length; i++)
        {
            if (ar[i] == br[i])
            {
                continue;
            }

            var al = Rune.IsLetter(ar[i]);
            var bl = Rune.IsLetter(br[i]);
            if (al && bl)
            {
                return ar[i].Value < br[i].Value;
            }

            if (al || bl)
            {
                return bl;
            }

            long an = 0, bn = 0;
            if (ar[i].Value == '0' || br[i].Value == '0')
            {
                for (var j = i - 1; j >= 0 && Rune.IsDigit(ar[j]); j--)
                {
                    if (ar[j].Value != '0')
                    {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }

            var ai = i;
            for (; ai < ar.Length && Rune.IsDigit(ar[ai]); ai++)
            {
                an = (an * 10) + (long)Rune.GetNumericValue(ar[ai]);
            }

            var bi = i;
            for (; bi < br.Length && Rune.IsDigit(br[bi]); bi++)
            {
                bn = (bn * 10) + (long)Rune.GetNumericValue(br[bi]);
            }

            if (an != bn)
            {
                return an < bn;
            }

            if (ai != bi)
            {
                return ai < bi;
            }

            return ar[i].Value < br[i].Value;
        }

        return ar.Length < br.Length;
    }

    private static Rune[] Runes(string s)
    {
        var list = new List<Rune>(s.Length);
        foreach (var r in s.EnumerateRunes())
        {
            list.Add(r);
        }

        return [.. list];
    }
}
