using System.Text.Json.Nodes;
using Gyre.Helm.Charts;

namespace Gyre.Helm.Values;

/// <summary>Helm's values coalescing (pkg/chartutil): user values over chart defaults, subchart scoping, globals, null deletes.</summary>
public static class ValuesCoalescer
{
    /// <summary>
    /// Helm's CoalesceValues: <paramref name="values"/> over the defaults of <paramref name="chart"/> and, under each
    /// subchart's name, over that subchart's defaults; "global" is copied down into every subchart; a null deletes the key.
    /// The chart should already have had its dependencies processed (see <see cref="DependencyProcessor"/>).
    /// </summary>
    public static JsonObject Coalesce(Chart chart, JsonObject? values)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return GoValues.ToJson(Coalescing.Values(chart, GoValues.FromJson(values), merge: false));
    }

    /// <summary>Helm's MergeValues: like <see cref="Coalesce"/> but nulls are kept instead of deleting keys.</summary>
    public static JsonObject Merge(Chart chart, JsonObject? values)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return GoValues.ToJson(Coalescing.Values(chart, GoValues.FromJson(values), merge: true));
    }

    /// <summary>
    /// Helm's CoalesceTables as `helm upgrade --reuse-values` uses it: <paramref name="values"/> wins, what only
    /// <paramref name="previous"/> has is kept (maps recursively), a null in <paramref name="values"/> deletes the key.
    /// Returns a new object.
    /// </summary>
    public static JsonObject CoalesceTables(JsonObject values, JsonObject previous)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(previous);
        return GoValues.ToJson(Coalescing.Tables(GoValues.FromJson(values), GoValues.FromJson(previous), "", merge: false));
    }

    /// <summary>
    /// How `helm -f a.yaml -f b.yaml --set ...` combines user values (Helm's mergeMaps): maps merge recursively, any
    /// other value in <paramref name="overrides"/> replaces the one in <paramref name="baseValues"/>. Returns a new object.
    /// </summary>
    public static JsonObject MergeMaps(JsonObject baseValues, JsonObject overrides)
    {
        ArgumentNullException.ThrowIfNull(baseValues);
        ArgumentNullException.ThrowIfNull(overrides);
        return GoValues.ToJson(MergeMaps(GoValues.FromJson(baseValues), GoValues.FromJson(overrides)));
    }

    internal static Dictionary<string, object?> MergeMaps(Dictionary<string, object?> a, Dictionary<string, object?> b)
    {
        var o = GoValues.Copy(a);
        foreach (var (k, v) in b)
        {
            if (v is Dictionary<string, object?> vm && o.TryGetValue(k, out var bv) && bv is Dictionary<string, object?> bm)
            {
                o[k] = MergeMaps(bm, vm);
                continue;
            }
            o[k] = GoValues.CopyValue(v);
        }
        return o;
    }
}
