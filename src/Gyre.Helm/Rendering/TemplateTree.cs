using Gyre.Helm.Charts;
using Gyre.Helm.Values;

namespace Gyre.Helm.Rendering;

/// <summary>
/// Helm's recAllTpls: every template of the chart and its subcharts keyed by full path ("app/charts/db/templates/x.yaml"),
/// each with the data its chart sees (.Values scoped to the subchart, .Chart, .Files, .Subcharts).
/// </summary>
internal static class TemplateTree
{
    public sealed record Renderable(string Text, Dictionary<string, object?> Data, string BasePath);

    public static Dictionary<string, Renderable> Collect(Chart root, Dictionary<string, object?> top)
    {
        var result = new Dictionary<string, Renderable>(StringComparer.Ordinal);
        Walk(root, root.Name, true, top, result);
        return result;
    }

    private static Dictionary<string, object?> Walk(Chart c, string fullPath, bool isRoot, Dictionary<string, object?> parent, Dictionary<string, Renderable> result)
    {
        var subcharts = new Dictionary<string, object?>(StringComparer.Ordinal);
        var values = isRoot
            ? parent["Values"]
            : (parent["Values"] as Dictionary<string, object?> is { } pv && ValuePaths.Table(pv, c.Name) is { } scoped ? scoped : GoValues.NewMap());
        var next = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Chart"] = TemplateObjects.Chart(c.Metadata, isRoot),
            ["Files"] = FilesObject.Create(c.Files),
            ["Release"] = parent["Release"],
            ["Capabilities"] = parent["Capabilities"],
            ["Values"] = values,
            ["Subcharts"] = subcharts,
        };
        foreach (var child in c.Dependencies)
        {
            subcharts[child.Name] = Walk(child, fullPath + "/charts/" + child.Name, false, next, result);
        }
        foreach (var t in c.Templates)
        {
            // Library charts render nothing of their own; only their partials (defines) are available.
            if (c.Metadata.IsLibrary && !Path.GetFileName(t.Name).StartsWith('_'))
            {
                continue;
            }
            result[fullPath + "/" + t.Name] = new Renderable(t.Text, next, fullPath + "/templates");
        }
        return next;
    }

    /// <summary>The CRD files of the chart and its subcharts, named by full path (Helm's CRDObjects).</summary>
    public static List<(string Path, string Text)> Crds(Chart c, string fullPath)
    {
        var list = c.Crds.Select(f => (fullPath + "/" + f.Name, f.Text)).ToList();
        foreach (var d in c.Dependencies)
        {
            list.AddRange(Crds(d, fullPath + "/charts/" + d.Name));
        }
        return list;
    }
}
