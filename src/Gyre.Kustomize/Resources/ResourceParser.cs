using Gyre.Kustomize.Yaml;
using YamlDotNet.Core;

namespace Gyre.Kustomize.Resources;

/// <summary>Turns YAML text into resources as kustomize's resource factory does: empty documents skipped, *List kinds inlined.</summary>
internal static class ResourceParser
{
    public static List<Resource> Parse(string text, string source)
    {
        List<YamlNode?> documents;
        try
        {
            documents = YamlReader.ReadDocuments(text);
        }
        catch (YamlException ex)
        {
            throw new KustomizeException(source, null, null,
                $"malformed YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", ex);
        }

        var resources = new List<Resource>();
        foreach (var document in documents)
        {
            if (document is null)
            {
                continue;
            }

            if (!document.IsMapping)
            {
                throw new KustomizeException(source, null, null, "a resource document must be a YAML mapping (an object with apiVersion, kind and metadata)");
            }

            AddDocument(document, source, resources);
        }

        return resources;
    }

    private static void AddDocument(YamlNode document, string source, List<Resource> resources)
    {
        var kind = document.GetString("kind") ?? string.Empty;
        var items = document.Get("items");
        if (kind.EndsWith("List", StringComparison.Ordinal) && items is not null)
        {
            if (items.IsSequence)
            {
                foreach (var item in items.Content.Where(i => i.IsMapping))
                {
                    AddDocument(item, source, resources);
                }
            }

            return;
        }

        Validate(document, source, kind);
        resources.Add(new Resource(document, source));
    }

    private static void Validate(YamlNode document, string source, string kind)
    {
        if (kind.Length == 0)
        {
            throw new KustomizeException(source, null, "kind", "missing kind in object; every resource needs apiVersion, kind and metadata.name");
        }

        var name = document.GetString("metadata", "name");
        if (string.IsNullOrEmpty(name))
        {
            throw new KustomizeException(source, kind, "metadata.name", "missing metadata.name in object; give the resource a name");
        }
    }
}
