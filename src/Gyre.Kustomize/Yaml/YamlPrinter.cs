using System.Text;
using Gyre.Manifests.Yaml;

namespace Gyre.Kustomize.Yaml;

/// <summary>
/// Prints a document the way kustomize does: kustomize turns each resource into JSON and then into YAML with
/// sigs.k8s.io/yaml (yaml.v2), so keys are sorted, comments dropped and scalars retyped (<see cref="OutputScalar"/>);
/// the layout is the shared go-yaml v2 emitter's.
/// </summary>
internal static class YamlPrinter
{
    /// <summary>Appends one document (no separator) ending with a newline.</summary>
    public static void WriteDocument(YamlNode root, StringBuilder output)
    {
        var emitter = new YamlEmitter(output);
        Emit(emitter, root);
        emitter.EndDocument();
    }

    private static void Emit(YamlEmitter emitter, YamlNode node)
    {
        switch (node.Kind)
        {
            case YamlNodeKind.Mapping when node.Content.Count == 0:
                emitter.EmptyMapping();
                break;
            case YamlNodeKind.Mapping:
                emitter.BeginMapping();
                foreach (var (key, value) in YamlKeyOrder.Sort(node.Pairs()))
                {
                    emitter.Key(key);
                    Emit(emitter, value);
                }

                emitter.EndMapping();
                break;
            case YamlNodeKind.Sequence when node.Content.Count == 0:
                emitter.EmptySequence();
                break;
            case YamlNodeKind.Sequence:
                emitter.BeginSequence();
                foreach (var item in node.Content)
                {
                    emitter.Item();
                    Emit(emitter, item);
                }

                emitter.EndSequence();
                break;
            default:
                var scalar = OutputScalar.Of(node);
                if (scalar.Kind == OutputScalarKind.String)
                {
                    emitter.String(scalar.Text);
                }
                else
                {
                    emitter.Plain(scalar.Text);
                }

                break;
        }
    }
}
