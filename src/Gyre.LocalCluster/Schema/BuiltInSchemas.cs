using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Schema;

/// <summary>
/// The built-in kinds' OpenAPI v2 definitions, loaded once from the embedded swagger of Kubernetes v1.21.2 (the
/// schema kustomize v5.5 / kubectl v1.32 compile in; see Resources/README.md for its origin) brought up to v1.32 by
/// <see cref="SchemaOverlay"/>. Provides the merge
/// keys and list types for strategic merge and apply, and the fields for strict validation and OpenAPI v3.
/// </summary>
internal sealed class BuiltInSchemas
{
    private static readonly Lazy<BuiltInSchemas> Shared = new(Load);
    private readonly Dictionary<string, string> _byGvk;

    private BuiltInSchemas(JsonObject definitions)
    {
        Definitions = definitions;
        _byGvk = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, def) in definitions)
        {
            if (def?["x-kubernetes-group-version-kind"] is JsonArray gvks)
            {
                foreach (var gvk in gvks.OfType<JsonObject>())
                {
                    _byGvk.TryAdd(Key(gvk["group"]?.GetValue<string>() ?? string.Empty, gvk["version"]!.GetValue<string>(), gvk["kind"]!.GetValue<string>()), name);
                }
            }
        }
    }

    public static BuiltInSchemas Instance => Shared.Value;

    public JsonObject Definitions { get; }

    public SchemaNode? ForKind(string group, string version, string kind) =>
        _byGvk.TryGetValue(Key(group, version, kind), out var name) ? new SchemaNode(Definitions[name]!.AsObject(), Definitions) : null;

    public string? DefinitionName(string group, string version, string kind) => _byGvk.GetValueOrDefault(Key(group, version, kind));

    private static string Key(string group, string version, string kind) => group + "/" + version + "/" + kind;

    private static BuiltInSchemas Load()
    {
        using var stream = typeof(BuiltInSchemas).Assembly.GetManifestResourceStream("Gyre.LocalCluster.swagger.json.gz")
            ?? throw new InvalidOperationException("embedded swagger.json.gz is missing from Gyre.LocalCluster");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        var root = JsonNode.Parse(gzip)!.AsObject();
        var definitions = root["definitions"]!.AsObject();
        using var overlay = typeof(BuiltInSchemas).Assembly.GetManifestResourceStream("Gyre.LocalCluster.kubernetes-1.32-overlay.json")
            ?? throw new InvalidOperationException("embedded kubernetes-1.32-overlay.json is missing from Gyre.LocalCluster");
        SchemaOverlay.Apply(definitions, JsonNode.Parse(overlay)!.AsObject());
        return new BuiltInSchemas(definitions);
    }
}
