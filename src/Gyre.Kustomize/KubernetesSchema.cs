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

    // A kustomization's `openapi: path:` replaces the built-in schema for the rest of its build (kyaml keeps it in a
    // package global). Builds are synchronous, so the replacement is scoped to the build's execution context.
    private static readonly AsyncLocal<KubernetesSchema?> Custom = new();

    public static KubernetesSchema Instance { get; } = Load();

    /// <summary>The schema of the build running on this execution context.</summary>
    public static KubernetesSchema Current => Custom.Value ?? Instance;

    /// <summary>Makes schema current until the returned scope is disposed.</summary>
    public static IDisposable Use(KubernetesSchema schema)
    {
        var previous = Custom.Value;
        Custom.Value = schema;
        return new Scope(() => Custom.Value = previous);
    }

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

    /// <summary>
    /// A custom OpenAPI (swagger 2) document in JSON or YAML, read as derive-schema.py reads the built-in one:
    /// group-version-kinds, merge keys and strategies; kinds served under a {namespace} path are namespaced, and kinds
    /// the document has no path for are namespaced, as kyaml assumes.
    /// </summary>
    public static KubernetesSchema Parse(string text, string source)
    {
        var root = Yaml.YamlReader.ReadDocuments(text).FirstOrDefault();
        if (root?.Get("definitions") is not { IsMapping: true } definitionsNode)
        {
            throw new KustomizeException(source, null, "openapi", "the custom OpenAPI schema has no 'definitions' mapping; pass a swagger 2.0 document (JSON or YAML)");
        }

        var gvks = new Dictionary<string, string>(StringComparer.Ordinal);
        var definitions = new Dictionary<string, Dictionary<string, SchemaProperty>>(StringComparer.Ordinal);
        foreach (var (name, definition) in definitionsNode.Pairs())
        {
            foreach (var gvk in definition.Get("x-kubernetes-group-version-kind")?.Content ?? [])
            {
                gvks.TryAdd($"{gvk.GetString("group")}/{gvk.GetString("version")}/{gvk.GetString("kind")}", name);
            }

            var properties = new Dictionary<string, SchemaProperty>(StringComparer.Ordinal);
            foreach (var (property, schema) in definition.Get("properties")?.Pairs() ?? [])
            {
                var isList = schema.GetString("type") == "array";
                var target = isList ? RefName(schema.Get("items")) : RefName(schema);
                var strategy = schema.GetString("x-kubernetes-patch-strategy");
                var keys = schema.Get("x-kubernetes-list-map-keys") is { IsSequence: true } listKeys
                    ? listKeys.Content.Select(k => k.Value).ToList()
                    : schema.GetString("x-kubernetes-patch-merge-key") is { Length: > 0 } key ? [key] : [];
                if (schema.GetString("type") == "object" && schema.Get("additionalProperties") is not null)
                {
                    target = null;
                }

                if (target is not null || isList || strategy is not null)
                {
                    properties[property] = new SchemaProperty(target, isList, keys, strategy);
                }
            }

            definitions[name] = properties;
        }

        var namespaced = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (path, item) in root.Get("paths")?.Pairs() ?? [])
        {
            foreach (var (_, operation) in item.Pairs())
            {
                if (operation.Get("x-kubernetes-group-version-kind") is { IsMapping: true } gvk)
                {
                    var gvkKey = $"{gvk.GetString("group")}/{gvk.GetString("version")}/{gvk.GetString("kind")}";
                    namespaced[gvkKey] = namespaced.GetValueOrDefault(gvkKey) || path.Contains("{namespace}", StringComparison.Ordinal);
                }
            }
        }

        return new KubernetesSchema(gvks, namespaced, definitions);
    }

    private static string? RefName(Yaml.YamlNode? schema)
    {
        var reference = schema?.GetString("$ref") ?? schema?.Get("allOf")?.Content.Select(s => s.GetString("$ref")).FirstOrDefault(r => r is not null);
        return reference?[(reference.LastIndexOf('/') + 1)..];
    }

    private sealed class Scope(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
