using Gyre.Helm.Charts;

namespace Gyre.Helm.Values;

/// <summary>
/// Helm's pkg/chartutil/coalesce.go on the template data model: chart defaults under user values, subchart sections,
/// globals copied down, and null deleting a key when coalescing (kept when merging).
/// </summary>
internal static class Coalescing
{
    public const string GlobalKey = "global";

    /// <summary>CoalesceValues (merge=false) or MergeValues (merge=true): <paramref name="values"/> over the chart's defaults.</summary>
    public static Dictionary<string, object?> Values(Chart chart, Dictionary<string, object?>? values, bool merge)
    {
        var dest = values == null ? GoValues.NewMap() : GoValues.Copy(values);
        return Coalesce(chart, dest, "", merge);
    }

    private static Dictionary<string, object?> Coalesce(Chart chart, Dictionary<string, object?> dest, string prefix, bool merge)
    {
        CoalesceValues(chart, dest, prefix, merge);
        return CoalesceDeps(chart, dest, prefix, merge);
    }

    private static Dictionary<string, object?> CoalesceDeps(Chart chart, Dictionary<string, object?> dest, string prefix, bool merge)
    {
        foreach (var sub in chart.Dependencies)
        {
            if (!dest.TryGetValue(sub.Name, out var c))
            {
                dest[sub.Name] = GoValues.NewMap();
            }
            else if (c is not Dictionary<string, object?>)
            {
                throw new HelmException("values: type mismatch on " + sub.Name + ": expected a map of the subchart's values, got " + Describe(c), chart.Name);
            }
            var dvmap = (Dictionary<string, object?>)dest[sub.Name]!;
            var subPrefix = Concat(prefix, chart.Name);
            CoalesceGlobals(dvmap, dest, subPrefix);
            dest[sub.Name] = Coalesce(sub, dvmap, subPrefix, merge);
        }
        return dest;
    }

    private static void CoalesceGlobals(Dictionary<string, object?> dest, Dictionary<string, object?> src, string prefix)
    {
        Dictionary<string, object?> dg;
        if (!dest.TryGetValue(GlobalKey, out var destGlobal))
        {
            dg = GoValues.NewMap();
        }
        else if (destGlobal is Dictionary<string, object?> d)
        {
            dg = d;
        }
        else
        {
            return; // Helm warns "skipping globals because destination global is not a table".
        }
        Dictionary<string, object?> sg;
        if (!src.TryGetValue(GlobalKey, out var srcGlobal))
        {
            sg = GoValues.NewMap();
        }
        else if (srcGlobal is Dictionary<string, object?> s)
        {
            sg = s;
        }
        else
        {
            return;
        }
        foreach (var (key, val) in sg)
        {
            if (val is Dictionary<string, object?> table)
            {
                // One level deep, as Helm's copyMap: deeper tables stay shared with the parent's globals.
                var vv = new Dictionary<string, object?>(table, StringComparer.Ordinal);
                if (!dg.TryGetValue(key, out var destv))
                {
                    dg[key] = vv;
                }
                else if (destv is Dictionary<string, object?> destvmap)
                {
                    // As Helm does: the parent's globals are merged top-down, the subchart's own entries are kept.
                    Tables(vv, destvmap, Concat(prefix, key), true);
                    dg[key] = vv;
                }
            }
            else if (!(dg.TryGetValue(key, out var dv) && dv is Dictionary<string, object?>))
            {
                dg[key] = val;
            }
        }
        dest[GlobalKey] = dg;
    }

    private static void CoalesceValues(Chart chart, Dictionary<string, object?> v, string prefix, bool merge)
    {
        var subPrefix = Concat(prefix, chart.Name);
        var defaults = GoValues.FromJson(chart.Values);
        foreach (var (key, val) in defaults)
        {
            if (v.TryGetValue(key, out var value))
            {
                if (value == null && !merge)
                {
                    v.Remove(key);
                }
                else if (value is Dictionary<string, object?> dest && val is Dictionary<string, object?> src)
                {
                    var childMerge = merge || chart.Dependencies.Any(d => d.Name == key);
                    Tables(dest, src, Concat(subPrefix, key), childMerge);
                }
            }
            else
            {
                v[key] = val;
            }
        }
    }

    /// <summary>coalesceTablesFullKey: <paramref name="dst"/> is authoritative; src fills what dst lacks.</summary>
    public static Dictionary<string, object?> Tables(Dictionary<string, object?>? dst, Dictionary<string, object?>? src, string prefix, bool merge)
    {
        if (src == null)
        {
            return dst ?? GoValues.NewMap();
        }
        if (dst == null)
        {
            return src;
        }
        foreach (var (key, val) in dst)
        {
            if (val == null)
            {
                src[key] = null;
            }
        }
        foreach (var (key, val) in src)
        {
            var has = dst.TryGetValue(key, out var dv);
            if (has && !merge && dv == null)
            {
                dst.Remove(key);
            }
            else if (!has)
            {
                dst[key] = val;
            }
            else if (val is Dictionary<string, object?> sv && dv is Dictionary<string, object?> dvm)
            {
                Tables(dvm, sv, Concat(prefix, key), merge);
            }
        }
        return dst;
    }

    private static string Concat(string a, string b) => a.Length == 0 ? b : a + "." + b;

    private static string Describe(object? v) => v switch
    {
        null => "null",
        string => "a string",
        bool => "a bool",
        List<object?> => "a list",
        _ => "a number",
    };
}
