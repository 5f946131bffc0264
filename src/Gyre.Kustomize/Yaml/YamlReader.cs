using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Gyre.Kustomize.Yaml;

/// <summary>
/// Reads a YAML stream into <see cref="YamlNode"/> documents the way kyaml does for kustomize: YamlDotNet is the
/// scanner, tags are resolved with yaml.v3's rules, aliases are expanded and merge keys (&lt;&lt;) applied
/// (kyaml's "AnchorsAweigh").
/// </summary>
internal static class YamlReader
{
    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    /// <summary>The documents of the stream; an empty document yields null.</summary>
    public static List<YamlNode?> ReadDocuments(string text)
    {
        var parser = new Parser(new StringReader(text));
        var documents = new List<YamlNode?>();
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        parser.Consume<StreamStart>();
        while (parser.TryConsume<DocumentStart>(out _))
        {
            anchors.Clear();
            YamlNode? root = null;
            if (!parser.Accept<DocumentEnd>(out _))
            {
                root = ReadNode(parser, anchors);
            }

            parser.Consume<DocumentEnd>();
            documents.Add(root is { IsNull: true } ? null : root);
        }

        parser.Consume<StreamEnd>();
        return documents;
    }

    private static YamlNode ReadNode(IParser parser, Dictionary<string, YamlNode> anchors)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!anchors.TryGetValue(alias.Value.Value, out var target))
            {
                throw new YamlException(alias.Start, alias.End, $"unknown anchor '{alias.Value.Value}' referenced");
            }

            return target.Clone();
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var node = YamlNode.Scalar(ScalarTag(scalar), scalar.Value);
            node.IsPlain = scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty;
            Remember(anchors, scalar.Anchor, node);
            return node;
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var node = YamlNode.Create(YamlNodeKind.Sequence, CollectionTag(sequenceStart.Tag, YamlTags.Seq));
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                node.Content.Add(ReadNode(parser, anchors));
            }

            Remember(anchors, sequenceStart.Anchor, node);
            return node;
        }

        var mappingStart = parser.Consume<MappingStart>();
        var mapping = YamlNode.Create(YamlNodeKind.Mapping, CollectionTag(mappingStart.Tag, YamlTags.Map));
        var merges = new List<YamlNode>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = ReadNode(parser, anchors);
            var value = ReadNode(parser, anchors);
            if (key.IsScalar && key.Tag == YamlTags.Merge)
            {
                merges.Add(value);
                continue;
            }

            mapping.Content.Add(key);
            mapping.Content.Add(value);
        }

        ApplyMerges(mapping, merges);
        Remember(anchors, mappingStart.Anchor, mapping);
        return mapping;
    }

    /// <summary>Merge keys add the merged mappings' keys that the mapping does not define itself.</summary>
    private static void ApplyMerges(YamlNode mapping, List<YamlNode> merges)
    {
        foreach (var merge in merges)
        {
            var sources = merge.IsSequence ? merge.Content : [merge];
            foreach (var source in sources.Where(s => s.IsMapping))
            {
                foreach (var (key, value) in source.Pairs())
                {
                    if (mapping.Get(key) is null)
                    {
                        mapping.Content.Add(YamlNode.String(key));
                        mapping.Content.Add(value.Clone());
                    }
                }
            }
        }
    }

    private static void Remember(Dictionary<string, YamlNode> anchors, AnchorName anchor, YamlNode node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    private static string ScalarTag(Scalar scalar)
    {
        if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific)
        {
            return ShortTag(scalar.Tag.Value);
        }

        if (scalar.Style == ScalarStyle.Plain && scalar.Value == "<<")
        {
            return YamlTags.Merge;
        }

        if (scalar.Style != ScalarStyle.Plain || scalar.Tag.IsNonSpecific)
        {
            return YamlTags.Str;
        }

        return GoScalarResolver.V3.Resolve(scalar.Value);
    }

    private static string CollectionTag(TagName tag, string fallback) =>
        tag.IsEmpty || tag.IsNonSpecific ? fallback : ShortTag(tag.Value);

    private static string ShortTag(string tag) =>
        tag.StartsWith(CoreTagPrefix, StringComparison.Ordinal) ? "!!" + tag[CoreTagPrefix.Length..] : tag;
}
