using System.Text.RegularExpressions;
using Gyre.Kustomize.Resources;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Patches;

/// <summary>
/// A patch or replacement target: group/version/kind/name/namespace as anchored regular expressions, plus label and
/// annotation selectors (kustomize's types.Selector and resWrangler.Select).
/// </summary>
internal sealed class TargetSelector
{
    private readonly Regex? _group, _version, _kind, _name, _namespace;

    public TargetSelector(YamlNode node)
    {
        _group = Compile(node.GetString("group"));
        _version = Compile(node.GetString("version"));
        _kind = Compile(node.GetString("kind"));
        _name = Compile(node.GetString("name"));
        _namespace = Compile(node.GetString("namespace"));
        LabelSelector = node.GetString("labelSelector");
        AnnotationSelector = node.GetString("annotationSelector");
    }

    public string? LabelSelector { get; }

    public string? AnnotationSelector { get; }

    private static Regex? Compile(string? pattern) =>
        string.IsNullOrEmpty(pattern) ? null : new Regex("^(?:" + pattern + ")$", RegexOptions.CultureInvariant);

    public bool Matches(Resource resource)
    {
        var current = resource.CurrentId;
        var original = resource.OriginalId;
        if (_namespace is not null && !_namespace.IsMatch(EffectiveNamespace(original)) && !_namespace.IsMatch(EffectiveNamespace(current)))
        {
            return false;
        }

        if (_name is not null && !_name.IsMatch(original.Name) && !_name.IsMatch(current.Name))
        {
            return false;
        }

        if ((_group is not null && !_group.IsMatch(current.Group)) || (_version is not null && !_version.IsMatch(current.Version))
            || (_kind is not null && !_kind.IsMatch(current.Kind)))
        {
            return false;
        }

        return LabelSelectorMatcher.Matches(LabelSelector, resource.Node.Get("metadata")?.Get("labels"))
            && LabelSelectorMatcher.Matches(AnnotationSelector, resource.Node.Get("metadata")?.Get("annotations"));
    }

    private static string EffectiveNamespace(ResId id) =>
        id.IsClusterScoped ? "_non_namespaceable_" : id.Namespace.Length == 0 ? "default" : id.Namespace;
}
