using Gyre.Manifests;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Gyre.Cli.Up;

/// <summary>
/// Sources, Kustomizations and HelmReleases as a tree: an object sits under the Kustomization that applied it, or
/// else under its source, as `flux tree` nests them.
/// </summary>
internal sealed class StatusTree
{
    private readonly IReadOnlyList<FluxObjectStatus> _objects;
    private readonly Dictionary<ObjectRef, List<FluxObjectStatus>> _children = [];
    private readonly List<FluxObjectStatus> _roots = [];

    public StatusTree(IReadOnlyList<FluxObjectStatus> objects)
    {
        _objects = objects;
        var present = objects.Select(o => o.Ref).ToHashSet();
        foreach (var obj in objects.OrderBy(o => o.Ref.Kind, StringComparer.Ordinal).ThenBy(o => o.Ref.Namespace, StringComparer.Ordinal).ThenBy(o => o.Ref.Name, StringComparer.Ordinal))
        {
            var parent = obj.AppliedBy is { } by && present.Contains(by) && by != obj.Ref ? by
                : obj.Source is { } source && present.Contains(source) ? source
                : null;
            if (parent is null)
            {
                _roots.Add(obj);
            }
            else
            {
                (_children.TryGetValue(parent, out var list) ? list : _children[parent] = []).Add(obj);
            }
        }
    }

    public IReadOnlyList<FluxObjectStatus> Objects => _objects;

    public bool AllReady => _objects.Count > 0 && _objects.All(o => o.State is FluxObjectState.Ready or FluxObjectState.Suspended);

    public IReadOnlyList<FluxObjectStatus> Failed => _objects.Where(o => o.State == FluxObjectState.Failed).ToList();

    public IReadOnlyList<FluxObjectStatus> NotReady => _objects.Where(o => o.State is FluxObjectState.Progressing or FluxObjectState.Failed).ToList();

    /// <summary>The tree as indented plain-text lines.</summary>
    public IReadOnlyList<string> Lines()
    {
        var lines = new List<string>();
        foreach (var root in _roots)
        {
            AddLines(root, string.Empty, string.Empty, lines);
        }

        return lines;
    }

    /// <summary>The tree for a live terminal display.</summary>
    public IRenderable Render()
    {
        var tree = new Tree("[bold]gyre[/]");
        foreach (var root in _roots)
        {
            AddNode(tree.AddNode(Markup(root)), root);
        }

        return tree;
    }

    public static string Describe(FluxObjectStatus obj) =>
        $"{Symbol(obj.State)} {obj.Ref} {obj.State}{(obj.Revision is null ? string.Empty : " " + obj.Revision)}{(obj.State == FluxObjectState.Ready ? string.Empty : ": " + obj.Message)}";

    private void AddLines(FluxObjectStatus obj, string prefix, string childPrefix, List<string> lines)
    {
        lines.Add(prefix + Describe(obj));
        var children = _children.GetValueOrDefault(obj.Ref) ?? [];
        for (var i = 0; i < children.Count; i++)
        {
            var last = i == children.Count - 1;
            AddLines(children[i], childPrefix + (last ? "└─ " : "├─ "), childPrefix + (last ? "   " : "│  "), lines);
        }
    }

    private void AddNode(TreeNode node, FluxObjectStatus obj)
    {
        foreach (var child in _children.GetValueOrDefault(obj.Ref) ?? [])
        {
            AddNode(node.AddNode(Markup(child)), child);
        }
    }

    private static Markup Markup(FluxObjectStatus obj)
    {
        var colour = obj.State switch
        {
            FluxObjectState.Ready => "green",
            FluxObjectState.Failed => "red",
            FluxObjectState.Suspended => "grey",
            _ => "yellow",
        };
        return new Markup($"[{colour}]{Spectre.Console.Markup.Escape(Describe(obj))}[/]");
    }

    private static string Symbol(FluxObjectState state) => state switch
    {
        FluxObjectState.Ready => "✔",
        FluxObjectState.Failed => "✖",
        FluxObjectState.Suspended => "⏸",
        _ => "…",
    };
}
