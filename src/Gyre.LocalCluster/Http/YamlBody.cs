using System.Text.Json.Nodes;
using Gyre.Manifests;
using Gyre.Manifests.Yaml;

namespace Gyre.LocalCluster.Http;

/// <summary>
/// YAML request bodies (application/yaml, application/apply-patch+yaml) converted to JSON with kubectl's scalar
/// typing (sigs.k8s.io/yaml), through Gyre.Manifests' reader.
/// </summary>
internal static class YamlBody
{
    public static bool TryParse(string text, out JsonNode? node, out string error)
    {
        try
        {
            node = YamlReader.ReadSingle(text);
            error = node is null ? "the YAML body holds no document" : string.Empty;
            return node is not null;
        }
        catch (ManifestException ex)
        {
            (node, error) = (null, ex.Message);
            return false;
        }
    }
}
