namespace Gyre.Templates.Helm;

/// <summary>yaml.v2's map key order (keyList.Less): letters compare as text, digit runs compare as numbers.</summary>
internal sealed class NaturalKeyOrder : IComparer<string>
{
    public static readonly NaturalKeyOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = (x ?? "").ToCharArray();
        var b = (y ?? "").ToCharArray();
        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            if (a[i] == b[i])
            {
                continue;
            }
            var al = char.IsLetter(a[i]);
            var bl = char.IsLetter(b[i]);
            if (al && bl)
            {
                return a[i].CompareTo(b[i]);
            }
            if (al || bl)
            {
                // Non-letters sort before letters.
                return bl ? -1 : 1;
            }
            long an = 0, bn = 0;
            if (a[i] == '0' || b[i] == '0')
            {
                for (var j = i - 1; j >= 0 && char.IsDigit(a[j]); j--)
                {
                    if (a[j] != '0')
                    {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            var ai = i;
            for (; ai < a.Length && char.IsDigit(a[ai]); ai++)
            {
                an = (an * 10) + (a[ai] - '0');
            }
            var bi = i;
            for (; bi < b.Length && char.IsDigit(b[bi]); bi++)
            {
                bn = (bn * 10) + (b[bi] - '0');
            }
            if (an != bn)
            {
                return an < bn ? -1 : 1;
            }
            if (ai != bi)
            {
                return ai < bi ? -1 : 1;
            }
            return a[i].CompareTo(b[i]);
        }
        return a.Length.CompareTo(b.Length);
    }
}
