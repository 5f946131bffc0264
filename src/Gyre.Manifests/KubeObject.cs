using System.Text.Json.Nodes;
using Gyre.Manifests.Json;
using Gyre.Manifests.Yaml;

namespace Gyre.Manifests;

/// <summary>
/// An unstructured Kubernetes object: a JSON object with typed accessors for the fields every object has. The wrapped
/// node is live: accessors read and write it directly.
/// </summary>
public sealed partial class KubeObject
{
    public KubeObject(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Json = json;
    }

    /// <summary>The object itself.</summary>
    public JsonObject Json { get; }

    public string ApiVersion
    {
        get => GetString(Json, "apiVersion") ?? string.Empty;
        set => Json["apiVersion"] = value;
    }

    public string Kind
    {
        get => GetString(Json, "kind") ?? string.Empty;
        set => Json["kind"] = value;
    }

    public GroupVersionKind GroupVersionKind => GroupVersionKind.From(ApiVersion, Kind);

    public string Group => GroupVersionKind.Group;

    public string Version => GroupVersionKind.Version;

    /// <summary>Identity without the version: group, kind, namespace, name.</summary>
    public ObjectRef Ref => new(Group, Kind, Namespace ?? string.Empty, Name);

    /// <summary>Parses a one-object JSON or YAML text.</summary>
    public static KubeObject Parse(string text, string? file = null)
    {
        var node = YamlReader.ReadSingle(text, file);
        return node is JsonObject obj
            ? new KubeObject(obj)
            : throw new ManifestException("expected a Kubernetes object (a mapping with apiVersion and kind)", file);
    }

    /// <summary>
    /// Every object in a multi-document YAML or JSON stream, in order. Empty documents are skipped and `kind: List`
    /// documents are expanded into their items, as kubectl does.
    /// </summary>
    public static IReadOnlyList<KubeObject> ParseStream(string text, string? file = null)
    {
        var objects = new List<KubeObject>();
        foreach (var document in YamlReader.ReadDocuments(text, file))
        {
            switch (document.Root)
            {
                case null:
                    continue;
                case JsonObject obj when IsList(obj):
                    foreach (var item in (obj["items"] as JsonArray) ?? [])
                    {
                        objects.Add(item is JsonObject o
                            ? new KubeObject((JsonObject)o.DeepClone())
                            : throw new ManifestException("a List item is not an object", file, document.Line));
                    }

                    break;
                case JsonObject obj:
                    objects.Add(new KubeObject(obj));
                    break;
                default:
                    throw new ManifestException(
                        $"document {document.Index + 1} is not a Kubernetes object (found {document.Root.GetValueKind().ToString().ToLowerInvariant()}); each document must be a mapping with apiVersion and kind",
                        file,
                        document.Line);
            }
        }

        return objects;
    }

    /// <summary>Checks that apiVersion, kind and metadata.name (or generateName) are present.</summary>
    public void Validate(string? file = null)
    {
        if (string.IsNullOrEmpty(ApiVersion))
        {
            throw new ManifestException("apiVersion is required", file, obj: SafeRef(), fieldPath: "apiVersion");
        }

        if (string.IsNullOrEmpty(Kind))
        {
            throw new ManifestException("kind is required", file, obj: SafeRef(), fieldPath: "kind");
        }

        if (string.IsNullOrEmpty(Name) && string.IsNullOrEmpty(GenerateName))
        {
            throw new ManifestException("metadata.name is required", file, obj: SafeRef(), fieldPath: "metadata.name");
        }
    }

    public KubeObject DeepClone() => new((JsonObject)Json.DeepClone());

    /// <summary>JSON as Go writes it (sorted keys); indented with 4 spaces as kubectl -o json prints.</summary>
    public string ToJson(bool indented = false) => GoJson.Serialize(Json, indented);

    /// <summary>YAML as kubectl -o yaml prints it.</summary>
    public string ToYaml() => YamlWriter.Write(Json);

    public override string ToString() => Ref.ToString();

    private ObjectRef? SafeRef() => string.IsNullOrEmpty(Kind) ? null : Ref;

    private static bool IsList(JsonObject obj) =>
        GetString(obj, "kind") is { } kind && kind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray
        && GetString(obj, "apiVersion") is "v1" or null;

    internal static string? GetString(JsonObject obj, string key) =>
        obj.TryGetPropertyValue(key, out var node) && node is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
