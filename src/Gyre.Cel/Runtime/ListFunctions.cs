using System.Text;
using Gyre.Cel.Values;

namespace Gyre.Cel.Runtime;

/// <summary>
/// List members: <c>size</c>, the strings extension's <c>join</c>, and Kubernetes' list library
/// (<c>isSorted sum min max indexOf lastIndexOf</c>, k8s.io/apiserver/pkg/cel/library/lists.go).
/// </summary>
internal static class ListFunctions
{
    public static object Invoke(string function, IReadOnlyList<object> list, object[] args) => (function, args) switch
    {
        ("size", []) => (long)list.Count,
        ("join", []) => Join(list, string.Empty),
        ("join", [string sep]) => Join(list, sep),
        ("isSorted", []) => IsSorted(list),
        ("sum", []) => Sum(list),
        ("min", []) => Extreme(list, "min", c => c < 0),
        ("max", []) => Extreme(list, "max", c => c > 0),
        ("indexOf", [var x]) => IndexOf(list, x, forward: true),
        ("lastIndexOf", [var x]) => IndexOf(list, x, forward: false),
        _ => throw CelErrorException.NoOverload(function, [list, .. args]),
    };

    private static string Join(IReadOnlyList<object> list, string sep)
    {
        var text = new StringBuilder();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not string s)
            {
                throw CelErrorException.NoOverload("join", list[i]);
            }

            text.Append(i == 0 ? string.Empty : sep).Append(s);
        }

        return text.ToString();
    }

    private static bool IsSorted(IReadOnlyList<object> list)
    {
        for (var i = 1; i < list.Count; i++)
        {
            if (CelEquality.Compare(list[i - 1], list[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static object Sum(IReadOnlyList<object> list)
    {
        if (list.Count == 0)
        {
            return 0L;
        }

        var total = list[0];
        for (var i = 1; i < list.Count; i++)
        {
            total = list[i].GetType() == total.GetType() ? Arithmetic.Add(total, list[i]) : throw CelErrorException.NoOverload("sum", total, list[i]);
        }

        return total;
    }

    private static object Extreme(IReadOnlyList<object> list, string name, Func<double, bool> better)
    {
        if (list.Count == 0)
        {
            throw new CelErrorException($"{name} called on empty list");
        }

        var best = list[0];
        for (var i = 1; i < list.Count; i++)
        {
            if (better(CelEquality.Compare(list[i], best)))
            {
                best = list[i];
            }
        }

        return best;
    }

    private static long IndexOf(IReadOnlyList<object> list, object x, bool forward)
    {
        for (var n = 0; n < list.Count; n++)
        {
            var i = forward ? n : list.Count - 1 - n;
            if (CelEquality.ValueEquals(list[i], x))
            {
                return i;
            }
        }

        return -1;
    }
}
