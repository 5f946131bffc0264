using System.Text.Json.Nodes;
using Gyre.Helm.Values;
using Gyre.Templates.Helm;

namespace Gyre.Helm.Charts;

/// <summary>
/// Helm's ProcessDependenciesWithMerge: picks the subcharts of charts/ that Chart.yaml's dependencies select (name and
/// version range), renames aliased ones, drops those disabled by condition or tags, then imports values from children
/// (import-values) with the parent's own values winning.
/// </summary>
public static class DependencyProcessor
{
    /// <summary>The chart as it renders with <paramref name="values"/>: enabled, aliased subcharts and imported values.</summary>
    public static Chart Process(Chart chart, JsonObject? values)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var enabled = Enabled(chart, GoValues.FromJson(values), "");
        return ImportValues(enabled);
    }

    private static Chart Enabled(Chart c, Dictionary<string, object?> v, string path)
    {
        if (c.Metadata.Dependencies.Count == 0)
        {
            return c;
        }
        var reqs = c.Metadata.Dependencies;
        var selected = c.Dependencies
            .Where(existing => !reqs.Any(r => existing.Name == r.Name && Compatible(r.Version, existing.Metadata.Version)))
            .ToList();
        var renamed = new List<ChartDependency>();
        foreach (var req in reqs)
        {
            var match = c.Dependencies.FirstOrDefault(ch => ch.Name == req.Name && Compatible(req.Version, ch.Metadata.Version));
            if (match != null)
            {
                selected.Add(req.Alias.Length > 0 ? match.With(match.Metadata with { Name = req.Alias }) : match);
            }
            renamed.Add(req with { Name = req.Alias.Length > 0 ? req.Alias : req.Name, Enabled = true });
        }
        var withSelected = c.With(dependencies: selected);
        var cvals = Coalescing.Values(withSelected, v, merge: false);
        var flagged = renamed.Select(r => Conditions(Tags(r, cvals), cvals, path)).ToList();
        var removed = flagged.Where(r => !r.Enabled).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var kept = selected.Where(d => !removed.Contains(d.Name))
            .Select(d => Enabled(d, cvals, path + d.Name + "."))
            .ToList();
        var metadata = c.Metadata with { Dependencies = flagged.Where(r => !removed.Contains(r.Name)).ToList() };
        return c.With(metadata, kept);
    }

    // A dependency version that is not a valid range never matches (Helm's IsCompatibleRange).
    private static bool Compatible(string range, string version) => range.Length == 0 || HelmSemver.IsCompatibleRange(range, version);

    private static ChartDependency Tags(ChartDependency r, Dictionary<string, object?> cvals)
    {
        if (ValuePaths.Table(cvals, "tags") is not { } tags)
        {
            return r;
        }
        bool hasTrue = false, hasFalse = false;
        foreach (var k in r.Tags)
        {
            if (tags.TryGetValue(k, out var b) && b is bool bv)
            {
                hasTrue |= bv;
                hasFalse |= !bv;
            }
        }
        return r with { Enabled = hasTrue || !hasFalse };
    }

    private static ChartDependency Conditions(ChartDependency r, Dictionary<string, object?> cvals, string path)
    {
        foreach (var condition in r.Condition.Trim().Split(','))
        {
            if (condition.Length > 0 && ValuePaths.TryPathValue(cvals, path + condition, out var v) && v is bool b)
            {
                return r with { Enabled = b };
            }
        }
        return r;
    }

    private static Chart ImportValues(Chart c)
    {
        var children = c.Dependencies.Select(ImportValues).ToList();
        c = c.With(dependencies: children);
        if (c.Metadata.Dependencies.Count == 0)
        {
            return c;
        }
        var cvals = Coalescing.Values(c, null, merge: true);
        var b = GoValues.NewMap();
        var any = false;
        foreach (var r in c.Metadata.Dependencies)
        {
            foreach (var riv in r.ImportValues ?? [])
            {
                var (child, parent) = riv switch
                {
                    JsonObject o => ("" + (string?)o["child"], "" + (string?)o["parent"]),
                    JsonValue s when s.TryGetValue<string>(out var name) => ("exports." + name, "."),
                    _ => ("", ""),
                };
                if (child.Length == 0 || ValuePaths.Table(cvals, r.Name + "." + child) is not { } table)
                {
                    continue; // Helm logs "ImportValues missing table" and goes on.
                }
                b = Coalescing.Tables(b, ValuePaths.PathToMap(parent, GoValues.Copy(table)), "", true);
                any = true;
            }
        }
        if (!any)
        {
            return c;
        }
        var merged = Coalescing.Tables(GoValues.Copy(cvals), b, "", true);
        return c.With(values: GoValues.ToJson(merged));
    }
}
