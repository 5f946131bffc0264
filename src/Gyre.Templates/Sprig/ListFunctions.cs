using Gyre.Templates.Functions;
using static Gyre.Templates.Sprig.SprigFunctions;

namespace Gyre.Templates.Sprig;

/// <summary>Sprig's list functions (list.go): each non-must variant turns the error into a panic, which Go reports alike.</summary>
internal static class ListFunctions
{
    private const ArgType Any = ArgType.Any;

    public static void Register(Dictionary<string, TemplateFunction> m)
    {
        m["tuple"] = m["list"] = V(a => a.ToList(), Any);
        Both(m, "append", "push", F(a => Push(a[0], a[1], "push"), Any, Any));
        m["mustAppend"] = m["mustPush"] = m["push"];
        Both(m, "prepend", null, F(a => Prepend(a[0], a[1]), Any, Any));
        m["first"] = m["mustFirst"] = F(a => Ends(a[0], "first", l => l[0]), Any);
        m["last"] = m["mustLast"] = F(a => Ends(a[0], "last", l => l[^1]), Any);
        m["rest"] = m["mustRest"] = F(a => Ends(a[0], "rest", l => l.Skip(1).ToList()) ?? new List<object?>(), Any);
        m["initial"] = m["mustInitial"] = F(a => Ends(a[0], "initial", l => l.Take(l.Count - 1).ToList()) ?? new List<object?>(), Any);
        m["reverse"] = m["mustReverse"] = F(a => Each(a[0], "Cannot find reverse on type ", l => Enumerable.Reverse(l).ToList()), Any);
        m["compact"] = m["mustCompact"] = F(a => Each(a[0], "Cannot compact on type ", l => l.Where(x => !Cast.Empty(x)).ToList()), Any);
        m["uniq"] = m["mustUniq"] = F(a => Each(a[0], "Cannot find uniq on type ", Uniq), Any);
        m["without"] = m["mustWithout"] = V(a => Each(a[0], "Cannot find without on type ", l => l.Where(x => !a.Skip(1).Any(o => Cast.DeepEqual(x, o))).ToList()), Any, Any);
        m["has"] = m["mustHas"] = F(a => Has(a[0], a[1]), Any, Any);
        m["slice"] = m["mustSlice"] = V(a => Slice(a[0], a[1..]), Any, Any);
        m["concat"] = V(a => Concat(a), Any);
        m["chunk"] = m["mustChunk"] = F(a => Chunk(I(a[0]), a[1]), ArgType.Int, Any);
    }

    private static void Both(Dictionary<string, TemplateFunction> m, string a, string? b, TemplateFunction f)
    {
        m[a] = f;
        m["must" + char.ToUpperInvariant(a[0]) + a[1..]] = f;
        if (b != null)
        {
            m[b] = f;
        }
    }

    private static List<object?> Require(object? list, string message)
    {
        if (list is null)
        {
            throw Cast.NilDereference();
        }
        return Cast.AsList(list) ?? throw new TemplateFunctionException(message + Cast.KindName(list));
    }

    private static List<object?> Push(object? list, object? v, string what)
    {
        var l = new List<object?>(Require(list, "Cannot " + what + " on type ")) { v };
        return l;
    }

    private static List<object?> Prepend(object? list, object? v)
    {
        var l = new List<object?> { v };
        l.AddRange(Require(list, "Cannot prepend on type "));
        return l;
    }

    private static object? Ends(object? list, string what, Func<List<object?>, object?> pick)
    {
        var l = Require(list, "Cannot find " + what + " on type ");
        return l.Count == 0 ? null : pick(l);
    }

    private static List<object?> Each(object? list, string message, Func<List<object?>, List<object?>> f) => f(Require(list, message));

    private static List<object?> Uniq(List<object?> l)
    {
        var dest = new List<object?>();
        foreach (var item in l)
        {
            if (!dest.Any(d => Cast.DeepEqual(item, d)))
            {
                dest.Add(item);
            }
        }
        return dest;
    }

    private static bool Has(object? needle, object? haystack)
    {
        if (haystack is null)
        {
            return false;
        }
        var l = Cast.AsList(haystack) ?? throw new TemplateFunctionException("Cannot find has on type " + Cast.KindName(haystack));
        return l.Any(x => Cast.DeepEqual(needle, x));
    }

    private static object? Slice(object? list, object?[] indices)
    {
        if (list is null)
        {
            throw Cast.NilDereference();
        }
        var l = Cast.AsList(list) ?? throw new TemplateFunctionException("list should be type of slice or array but " + Cast.KindName(list));
        if (l.Count == 0)
        {
            return null;
        }
        var start = indices.Length > 0 ? (int)Cast.ToInt64(indices[0]) : 0;
        var end = indices.Length < 2 ? l.Count : (int)Cast.ToInt64(indices[1]);
        if (start < 0 || end > l.Count || start > end)
        {
            throw new TemplateFunctionException("reflect.Value.Slice: slice index out of bounds");
        }
        return list switch
        {
            string[] sa => sa[start..end],
            long[] la => la[start..end],
            _ => l.GetRange(start, end - start),
        };
    }

    private static List<object?> Concat(object?[] lists)
    {
        var res = new List<object?>();
        foreach (var list in lists)
        {
            if (list is null)
            {
                throw Cast.NilDereference();
            }
            var l = Cast.AsList(list) ?? throw new TemplateFunctionException("Cannot concat type " + Cast.KindName(list) + " as list");
            res.AddRange(l);
        }
        return res;
    }

    private static List<object?> Chunk(int size, object? list)
    {
        var l = Require(list, "Cannot chunk type ");
        var cs = (int)Math.Floor((double)(l.Count - 1) / size) + 1;
        var result = new List<object?>();
        for (var i = 0; i < cs; i++)
        {
            var clen = size;
            if (i == cs - 1)
            {
                clen = (int)Math.Floor(Math.IEEERemainder(l.Count, size) < 0 ? (l.Count % size) : (double)(l.Count % size));
                if (clen == 0)
                {
                    clen = size;
                }
            }
            result.Add(l.GetRange(i * size, clen));
        }
        return result;
    }
}
