using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Gyre.Manifests.Yaml;

/// <summary>
/// Reads a multi-document YAML (or JSON) stream into JSON nodes with the types kubectl gives them: YAML 1.1 scalar
/// resolution (see <see cref="YamlScalarResolver"/>), anchors and aliases expanded, merge keys applied, non-string
/// keys converted as sigs.k8s.io/yaml converts them.
/// </summary>
public static class YamlReader
{
    /// <summary>Every document of the stream, including empty ones (Root null), in order.</summary>
    /// <param name="yaml">The stream text.</param>
    /// <param name="file">The file name used in error messages, if any.</param>
    public static IReadOnlyList<YamlDocument> ReadDocuments(string yaml, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var documents = new List<YamlDocument>();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out var start))
            {
                var reader = new DocumentReader(parser);
                var root = parser.Accept<DocumentEnd>(out _) ? null : reader.ReadNode();
                parser.Consume<DocumentEnd>();
                documents.Add(new YamlDocument(root, (int)start.Start.Line, documents.Count));
            }

            parser.Consume<StreamEnd>();
        }
        catch (YamlException ex)
        {
            // The end mark is where the scanner stood when it gave up: the line a user needs to look at.
            var (line, column) = ((int)ex.End.Line, (int)ex.End.Column);
            if (line == 1 && column == 1 && FirstTabIndentedLine(yaml) is { } tabLine)
            {
                // YamlDotNet reports a tab used as indentation at the start of the stream; point at the tab instead.
                (line, column) = (tabLine, 1);
            }

            throw new ManifestException("invalid YAML: " + Describe(ex), file, line, column, innerException: ex);
        }
        catch (ManifestException ex) when (ex.File is null && file is not null)
        {
            throw new ManifestException(ex.Reason, file, ex.Line, ex.Column, ex.Object, ex.FieldPath, ex);
        }

        return documents;
    }

    /// <summary>Reads a stream that must hold exactly one non-empty document.</summary>
    public static JsonNode? ReadSingle(string yaml, string? file = null)
    {
        var documents = ReadDocuments(yaml, file).Where(d => d.Root is not null).ToList();
        return documents.Count switch
        {
            0 => null,
            1 => documents[0].Root,
            _ => throw new ManifestException($"expected one YAML document, found {documents.Count}", file),
        };
    }

    private static int? FirstTabIndentedLine(string yaml)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indentation = lines[i].AsSpan()[..(lines[i].Length - lines[i].TrimStart(' ', '\t').Length)];
            if (indentation.Contains('\t'))
            {
                return i + 1;
            }
        }

        return null;
    }

    private static string Describe(YamlException ex)
    {
        // YamlDotNet prefixes its own "(Line: x, Col: y, ...)" mark; the location is reported separately.
        var message = ex.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
    }

    private sealed class DocumentReader(IParser parser)
    {
        private readonly Dictionary<string, JsonNode?> _anchors = new(StringComparer.Ordinal);

        public JsonNode? ReadNode()
        {
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw new ManifestException($"unknown anchor '{alias.Value.Value}' referenced", line: (int)alias.Start.Line, column: (int)alias.Start.Column);
                }

                return target?.DeepClone();
            }

            if (parser.TryConsume<Scalar>(out var scalar))
            {
                var node = ReadScalar(scalar);
                Remember(scalar.Anchor, node);
                return node;
            }

            if (parser.TryConsume<SequenceStart>(out var sequenceStart))
            {
                var array = new JsonArray();
                Remember(sequenceStart.Anchor, array);
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    array.Add(ReadNode());
                }

                return array;
            }

            var mappingStart = parser.Consume<MappingStart>();
            var obj = new JsonObject();
            Remember(mappingStart.Anchor, obj);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                ReadEntry(obj);
            }

            return obj;
        }

        private void Remember(AnchorName anchor, JsonNode? node)
        {
            if (!anchor.IsEmpty)
            {
                // Aliases copy the node as it is when referenced, as YAML requires the anchor to come first.
                _anchors[anchor.Value] = node;
            }
        }

        private void ReadEntry(JsonObject obj)
        {
            var keyStart = parser.Current!.Start;
            if (parser.Accept<Scalar>(out var keyScalar) && IsMergeKey(keyScalar))
            {
                parser.MoveNext();
                Merge(obj, ReadNode(), keyStart);
                return;
            }

            var key = ReadNode();
            var value = ReadNode();
            var name = KeyString(key, value, keyStart);
            obj.Remove(name);
            obj[name] = value;
        }

        private static bool IsMergeKey(Scalar scalar) =>
            scalar.Value == "<<" && (scalar.Style == ScalarStyle.Plain || scalar.Tag.Value == YamlScalarResolver.MergeTag);

        // go-yaml v2: a mapping merges into the current one; a sequence merges its mappings, earlier ones winning.
        private static void Merge(JsonObject target, JsonNode? source, Mark where)
        {
            switch (source)
            {
                case JsonObject map:
                    foreach (var (k, v) in map.ToList())
                    {
                        target.Remove(k);
                        target[k] = v?.DeepClone();
                    }

                    break;
                case JsonArray list:
                    for (var i = list.Count - 1; i >= 0; i--)
                    {
                        if (list[i] is not JsonObject)
                        {
                            throw new ManifestException("map merge requires map or sequence of maps as the value", line: (int)where.Line, column: (int)where.Column);
                        }

                        Merge(target, list[i], where);
                    }

                    break;
                default:
                    throw new ManifestException("map merge requires map or sequence of maps as the value", line: (int)where.Line, column: (int)where.Column);
            }
        }

        private static JsonNode? ReadScalar(Scalar scalar)
        {
            var tag = scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific ? string.Empty : scalar.Tag.Value;
            try
            {
                return YamlScalarResolver.Resolve(tag, scalar.Value, scalar.Style == ScalarStyle.Plain);
            }
            catch (ManifestException ex)
            {
                throw new ManifestException(ex.Reason, line: (int)scalar.Start.Line, column: (int)scalar.Start.Column);
            }
        }

        // sigs.k8s.io/yaml turns non-string keys into strings; a null, list or map key is an error there too.
        private static string KeyString(JsonNode? key, JsonNode? value, Mark where)
        {
            if (key is JsonValue v)
            {
                switch (v.GetValueKind())
                {
                    case System.Text.Json.JsonValueKind.String:
                        return v.GetValue<string>();
                    case System.Text.Json.JsonValueKind.True:
                        return "true";
                    case System.Text.Json.JsonValueKind.False:
                        return "false";
                    case System.Text.Json.JsonValueKind.Number:
                        return Json.KubeNumbers.TryGetInt64(v, out var l)
                            ? l.ToString(CultureInfo.InvariantCulture)
                            : Json.GoFloat.FormatG32((float)v.GetValue<double>());
                }
            }

            var shown = key is null ? "<nil>" : key.ToJsonString();
            throw new ManifestException(
                $"unsupported map key {shown} for value {value?.ToJsonString() ?? "null"}; keys must be strings, numbers or booleans",
                line: (int)where.Line,
                column: (int)where.Column);
        }
    }
}
