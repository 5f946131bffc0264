using System.Text;
using Gyre.Kustomize.Build;
using Gyre.Kustomize.Config;
using Gyre.Kustomize.Resources;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Transformers;

/// <summary>A legacy `vars:` entry: $(NAME) takes the value of fieldref.fieldpath in the object objref names.</summary>
internal sealed record VarDefinition(string Name, string Kind, string ObjectName, string? ApiVersion, string FieldPath, string File);

/// <summary>
/// Legacy `vars:` (kustomize's ResolveVars, run once after name references): every $(NAME) in the varReference
/// fields becomes the referenced field's final value; $$ escapes a dollar; unknown references stay as written.
/// </summary>
internal static class VarSubstitution
{
    public static List<VarDefinition> Parse(Kustomization kustomization)
    {
        var vars = new List<VarDefinition>();
        foreach (var item in kustomization.Objects("vars"))
        {
            var name = item.GetString("name") ?? throw new KustomizeException(kustomization.File, null, "vars", "a var needs a name");
            var objref = item.Get("objref") ?? throw new KustomizeException(kustomization.File, name, "vars.objref", "a var needs an objref");
            vars.Add(new VarDefinition(name, objref.GetString("kind") ?? string.Empty, objref.GetString("name") ?? string.Empty,
                objref.GetString("apiVersion"), item.Get("fieldref")?.GetString("fieldpath") ?? "metadata.name", kustomization.File));
        }

        return vars;
    }

    public static void Apply(ResourceList resources, IReadOnlyList<VarDefinition> vars, TransformerConfig config)
    {
        if (vars.Count == 0)
        {
            return;
        }

        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var v in vars)
        {
            var matches = resources.Items.Where(r => r.AllIds.Any(id => id.Kind == v.Kind && id.Name == v.ObjectName
                && (v.ApiVersion is null || id.ApiVersion == v.ApiVersion))).Distinct().ToList();
            if (matches.Count != 1)
            {
                throw new KustomizeException(v.File, $"{v.Kind}/{v.ObjectName}", "vars." + v.Name,
                    matches.Count == 0 ? "var's objref matches no resource" : "var's objref matches more than one resource");
            }

            var path = ReplacementPath.Split(v.FieldPath.Replace("[", ".[", StringComparison.Ordinal).Replace(".[", ".", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal));
            values[v.Name] = ReplacementPath.Find(matches[0].Node, path, create: false).FirstOrDefault()
                ?? throw new KustomizeException(v.File, matches[0].CurrentId.Display, v.FieldPath, $"field specified in var '{v.Name}' not found in the object");
        }

        foreach (var resource in resources.Items)
        {
            var id = resource.CurrentId;
            foreach (var spec in config.VarReference.Where(s => s.Selects(id)))
            {
                FieldPath.Visit(resource.Node, spec.Path, create: false, (mapping, key) => Substitute(mapping.Get(key), values, node => mapping.Set(key, node)));
            }
        }
    }

    private static void Substitute(YamlNode? node, Dictionary<string, YamlNode> values, Action<YamlNode> replace)
    {
        if (node is null)
        {
            return;
        }

        if (node.IsSequence || node.IsMapping)
        {
            for (var i = node.IsMapping ? 1 : 0; i < node.Content.Count; i += node.IsMapping ? 2 : 1)
            {
                var index = i;
                Substitute(node.Content[i], values, n => node.Content[index] = n);
            }

            return;
        }

        if (node.Tag != YamlTags.Str)
        {
            return;
        }

        var text = node.Value;
        if (text.StartsWith("$(", StringComparison.Ordinal) && text.EndsWith(')') && text.IndexOf(')', StringComparison.Ordinal) == text.Length - 1
            && values.TryGetValue(text[2..^1], out var whole))
        {
            replace(whole.IsScalar ? YamlNode.Scalar(whole.Tag, whole.Value) : whole.Clone());
            return;
        }

        var expanded = Expand(text, values);
        if (expanded != text)
        {
            replace(YamlNode.String(expanded));
        }
    }

    /// <summary>Kubernetes' $(VAR) expansion: $$ is a literal $, unknown names are left untouched.</summary>
    private static string Expand(string text, Dictionary<string, YamlNode> values)
    {
        var output = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '$' || i + 1 >= text.Length)
            {
                output.Append(text[i]);
                continue;
            }

            if (text[i + 1] == '$')
            {
                output.Append('$');
                i++;
                continue;
            }

            var close = text[i + 1] == '(' ? text.IndexOf(')', i + 2) : -1;
            if (close < 0)
            {
                output.Append(text[i]);
                continue;
            }

            var name = text[(i + 2)..close];
            output.Append(values.TryGetValue(name, out var value) && value.IsScalar ? value.Value : text[i..(close + 1)]);
            i = close;
        }

        return output.ToString();
    }
}
