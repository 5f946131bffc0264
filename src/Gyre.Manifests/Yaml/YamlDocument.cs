using System.Text.Json.Nodes;

namespace Gyre.Manifests.Yaml;

/// <summary>One document of a YAML stream: its JSON value (null for an empty document) and where it starts.</summary>
public sealed record YamlDocument(JsonNode? Root, int Line, int Index);
