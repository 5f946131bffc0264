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
                return al ? -1 : 1;
            }
            var ai = i;
            while (ai > 0 && char.IsDigit(a[ai - 1]))
            {
                ai--;
            }
            var bi = ai;
            var an = 0L;
            var bn = 0L;
            var aj = ai;
            for (; aj < a.Length && char.IsDigit(a[aj]); aj++)
            {
                an = (an * 10) + (a[aj] - '0');
            }
            var bj = bi;
            for (; bj < b.Length && char.IsDigit(b[bj]); bj++)
            {
                bn = (bn * 10) + (b[bj] - '0');
            }
            if (an != bn)
            {
                return an.CompareTo(bn);
            }
            return a[i].CompareTo(b[i]);
        }
        return a.Length.CompareTo(b.Length);
    }
}
