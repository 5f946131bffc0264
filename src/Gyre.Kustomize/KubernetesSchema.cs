using System.Text.Json;
using Gyre.Kustomize.Schema;

namespace Gyre.Kustomize;

/// <summary>
/// The Kubernetes v1.21.2 OpenAPI facts kustomize v5.5 (kyaml v0.18.1) uses: which kinds are cluster-scoped and the
/// strategic-merge keys and strategies of each field. Derived by Schema/derive-schema.py, embedded as JSON.
/// </summary>
internal sealed class KubernetesSchema
{
    private readonly Dictionary<string, string> _gvks;
    private readonly Dictionary<string, bool> _namespaced;
    private readonly Dictionary<(string, string, string), bool> _clusterScoped = [];
    private readonly Dictionary<string, Dictionary<string, SchemaProperty>> _definitions;

    private KubernetesSchema(Dictionary<string, string> gvks, Dictionary<string, bool> namespaced, Dictionary<string, Dictionary<string, SchemaProperty>> definitions)
    {
        _gvks = gvks;
        _namespaced = namespaced;
        _definitions = definitions;
    }

    public static KubernetesSchema Instance { get; } = Load();

    public bool IsClusterScoped(string group, string version, string kind)
    {
        lock (_clusterScoped)
        {
            if (!_clusterScoped.TryGetValue((group, version, kind), out var clusterScoped))
            {
                clusterScoped = _namespaced.TryGetValue($"{group}/{version}/{kind}", out var namespaced) && !namespaced;
                _clusterScoped[(group, version, kind)] = clusterScoped;
            }

            return clusterScoped;
        }
    }

    public string? DefinitionFor(string group, string version, string kind) =>
        _gvks.GetValueOrDefault($"{group}/{version}/{kind}");

    public SchemaProperty? Property(string? definition, string name) =>
        definition is not null && _definitions.TryGetValue(definition, out var properties) ? properties.GetValueOrDefault(name) : null;

    private static KubernetesSchema Load()
    {
        using var stream = typeof(KubernetesSchema).Assembly.GetManifestResourceStream("Gyre.Kustomize.kubernetes-schema.json")
            ?? throw new InvalidOperationException("embedded kubernetes-schema.json is missing");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var gvks = root.GetProperty("gvks").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        var namespaced = root.GetProperty("namespaced").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetBoolean(), StringComparer.Ordinal);
        var definitions = new Dictionary<string, Dictionary<string, SchemaProperty>>(StringComparer.Ordinal);
        foreach (var definition in root.GetProperty("definitions").EnumerateObject())
        {
            var properties = new Dictionary<string, SchemaProperty>(StringComparer.Ordinal);
            foreach (var property in definition.Value.EnumerateObject())
            {
                var row = property.Value;
                var keys = row[2].ValueKind == JsonValueKind.Array ? row[2].EnumerateArray().Select(k => k.GetString()!).ToList() : [];
                properties[property.Name] = new SchemaProperty(row[0].GetString(), row[1].GetBoolean(), keys, row[3].GetString());
            }

            definitions[definition.Name] = properties;
        }

        return new KubernetesSchema(gvks, namespaced, definitions);
    }
}
