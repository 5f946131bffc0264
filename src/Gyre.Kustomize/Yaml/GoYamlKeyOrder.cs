namespace Gyre.Kustomize.Yaml;

/// <summary>
/// yaml.v2's map-key order (sorter.go keyList.Less) for string keys: letters before other characters, and runs of
/// digits compared as numbers, so "b2" sorts before "b10". kustomize's output goes through it.
/// </summary>
internal sealed class GoYamlKeyOrder : IComparer<string>
{
    public static GoYamlKeyOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (string.Equals(x, y, StringComparison.Ordinal))
        {
            return 0;
        }

        return Less(x, y) ? -1 : 1;
    }

    private static bool Less(string a, string b)
    {
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
                return a[i] < b[i];
            }

            if (al || bl)
            {
                return bl;
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

            int ai, bi;
            for (ai = i; ai < a.Length && char.IsDigit(a[ai]); ai++)
            {
                an = (an * 10) + (a[ai] - '0');
            }

            for (bi = i; bi < b.Length && char.IsDigit(b[bi]); bi++)
            {
                bn = (bn * 10) + (b[bi] - '0');
            }

            if (an != bn)
            {
                return an < bn;
            }

            if (ai != bi)
            {
                return ai < bi;
            }

            return a[i] < b[i];
        }

        return a.Length < b.Length;
    }
}
