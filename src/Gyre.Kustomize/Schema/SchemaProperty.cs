namespace Gyre.Kustomize.Schema;

/// <summary>What the OpenAPI schema says about one property: its element/object type, list-ness, merge keys and strategy.</summary>
internal sealed record SchemaProperty(string? Definition, bool IsList, IReadOnlyList<string> MergeKeys, string? Strategy);
