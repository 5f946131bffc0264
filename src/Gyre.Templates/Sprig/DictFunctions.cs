using Gyre.Templates.Functions;
using static Gyre.Templates.Sprig.SprigFunctions;

namespace Gyre.Templates.Sprig;

/// <summary>Sprig's dict functions (dict.go), with mergo 0.3.12's merge rules for merge/mergeOverwrite.</summary>
internal static class DictFunctions
{
    private const ArgType Map = ArgType.Map;
    private const ArgType Str = ArgType.String;
    private const ArgType Any = ArgType.Any;

    public static void Register(Dictionary<string, TemplateFunction> m)
    {
        m["dict"] = V(a => Dict(a), Any);
        m["get"] = F(a => Map0(a[0]).TryGetValue(S(a[1]), out var v) ? v : "", Map, Str);
        m["set"] = F(a => Set(a[0], S(a[1]), a[2]), Map, Str, Any);
        m["unset"] = F(a => Unset(a[0], S(a[1])), Map, Str);
        m["hasKey"] = F(a => Map0(a[0]).ContainsKey(S(a[1])), Map, Str);
        m["pluck"] = V(a => a.Skip(1).Select(Map0).Where(d => d.ContainsKey(S(a[0]))).Select(d => d[S(a[0])]).ToList(), Map, Str);
        m["keys"] = V(a => a.Select(Map0).SelectMany(d => d.Keys).ToArray(), Map);
        m["pick"] = V(a => Map0(a[0]).Where(kv => a.Skip(1).Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), Str, Map);
        m["omit"] = V(a => Map0(a[0]).Where(kv => !a.Skip(1).Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), Str, Map);
        m["values"] = F(a => Map0(a[0]).Values.ToList(), Map);
        m["merge"] = m["mustMerge"] = V(a => Merge(a, overwrite: false), Map, Map);
        m["mergeOverwrite"] = m["mustMergeOverwrite"] = V(a => Merge(a, overwrite: true), Map, Map);
        m["deepCopy"] = F(a => a[0] is null ? throw new TemplateFunctionException("deepCopy error: reflect: call of reflect.Value.Type on zero Value") : DeepCopy(a[0]), Any);
        m["mustDeepCopy"] = F(a => a[0] is null ? throw new TemplateFunctionException("reflect: call of reflect.Value.Type on zero Value") : DeepCopy(a[0]), Any);
        m["dig"] = V(a => Dig(a), Any);
    }

    private static Dictionary<string, object?> Map0(object? v) => v as Dictionary<string, object?> ?? new Dictionary<string, object?>(StringComparer.Ordinal);

    private static Dictionary<string, object?> Dict(object?[] v)
    {
        var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < v.Length; i += 2)
        {
            var key = Cast.StrVal(v[i]);
            dict[key] = i + 1 >= v.Length ? "" : v[i + 1];
        }
        return dict;
    }

    private static Dictionary<string, object?> Set(object? d, string key, object? value)
    {
        if (d is not Dictionary<string, object?> map)
        {
            throw new TemplateFunctionException("assignment to entry in nil map");
        }
        map[key] = value;
        return map;
    }

    private static Dictionary<string, object?>? Unset(object? d, string key)
    {
        if (d is Dictionary<string, object?> map)
        {
            map.Remove(key);
            return map;
        }
        return null;
    }

    private static Dictionary<string, object?> Merge(object?[] a, bool overwrite)
    {
        var dst = a[0] as Dictionary<string, object?>;
        if (dst == null)
        {
            dst = new Dictionary<string, object?>(StringComparer.Ordinal);
        }
        foreach (var src in a.Skip(1))
        {
            if (src is Dictionary<string, object?> s)
            {
                MergeInto(dst, s, overwrite);
            }
        }
        return dst;
    }

    // mergo.deepMerge for map[string]interface{}: nested maps merge in place; a non-empty destination keeps maps and
    // slices; scalars are taken when overwriting or when the destination is missing or empty.
    private static void MergeInto(Dictionary<string, object?> dst, Dictionary<string, object?> src, bool overwrite)
    {
        foreach (var (key, srcElement) in src)
        {
            var hasDst = dst.TryGetValue(key, out var dstElement);
            if (srcElement is null)
            {
                if (overwrite)
                {
                    dst[key] = null;
                }
                continue;
            }
            if (srcElement is Dictionary<string, object?> srcMap && dstElement is Dictionary<string, object?> dstMap)
            {
                MergeInto(dstMap, srcMap, overwrite);
            }
            var isContainer = srcElement is Dictionary<string, object?> or List<object?> or string[] or long[];
            if (srcElement is List<object?> or string[] or long[])
            {
                if (overwrite || dst.Count == 0)
                {
                    dst[key] = srcElement;
                }
                else if (!hasDst)
                {
                    dst[key] = srcElement;
                }
            }
            if (hasDst && !Cast.Empty(dstElement) && isContainer)
            {
                continue;
            }
            if (overwrite || !hasDst || Cast.Empty(dstElement))
            {
                dst[key] = srcElement;
            }
        }
    }

    internal static object? DeepCopy(object? v) => v switch
    {
        Dictionary<string, object?> m => m.ToDictionary(kv => kv.Key, kv => DeepCopy(kv.Value), StringComparer.Ordinal),
        List<object?> l => l.Select(DeepCopy).ToList(),
        string[] sa => (string[])sa.Clone(),
        long[] la => (long[])la.Clone(),
        Dictionary<string, string> ms => new Dictionary<string, string>(ms, StringComparer.Ordinal),
        _ => v,
    };

    private static object? Dig(object?[] ps)
    {
        if (ps.Length < 3)
        {
            throw new TemplateFunctionException("dig needs at least three arguments");
        }
        if (ps[^1] is not Dictionary<string, object?> dict)
        {
            throw new TemplateFunctionException("interface conversion: interface {} is " + Execution.GoTypes.TypeName(ps[^1]) + ", not map[string]interface {}");
        }
        var def = ps[^2];
        var keys = new string[ps.Length - 2];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = ps[i] as string ?? throw new TemplateFunctionException("interface conversion: interface {} is " + Execution.GoTypes.TypeName(ps[i]) + ", not string");
        }
        object? current = dict;
        foreach (var k in keys)
        {
            if (current is not Dictionary<string, object?> d)
            {
                throw new TemplateFunctionException("interface conversion: interface {} is " + Execution.GoTypes.TypeName(current) + ", not map[string]interface {}");
            }
            if (!d.TryGetValue(k, out current))
            {
                return def;
            }
        }
        return current;
    }
}
