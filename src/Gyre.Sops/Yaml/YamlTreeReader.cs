using Gyre.Sops.Tree;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlComment = YamlDotNet.Core.Events.Comment;

namespace Gyre.Sops.Yaml;

/// <summary>
/// Reads YAML documents into sops trees, as sops's YAML store does on top of go-yaml: plain scalars resolved to
/// typed values, aliases expanded, and comment lines kept as items in the collection whose indentation they sit at.
/// </summary>
internal sealed class YamlTreeReader
{
    private readonly Dictionary<string, object?> _anchors = new(StringComparer.Ordinal);
    private readonly List<Frame> _stack = [];
    private readonly List<(SopsComment Comment, long Column, Frame ReadIn)> _buffered = [];
    private string _text = string.Empty;

    public static List<SopsBranch> Read(string text)
    {
        var reader = new YamlTreeReader();
        try
        {
            return reader.ReadDocuments(text);
        }
        catch (YamlException ex)
        {
            throw new SopsException($"invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", innerException: ex);
        }
    }

    private List<SopsBranch> ReadDocuments(string text)
    {
        _text = text;
        var documents = new List<SopsBranch>();
        var parser = new Parser(new Scanner(new StringReader(text), skipComments: false));
        SopsBranch? document = null;
        var leading = new List<SopsComment>();
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case DocumentStart:
                    document = null;
                    break;
                case DocumentEnd:
                    FlushComments(atDocumentEnd: true);
                    var branch = document ?? [];
                    branch.InsertRange(0, leading.Select(c => new SopsItem(c, null)));
                    leading.Clear();
                    documents.Add(branch);
                    break;
                case YamlComment comment when _stack.Count == 0:
                    if (document is null)
                    {
                        leading.Add(CommentText(comment));
                    }
                    else
                    {
                        document.Add(new SopsItem(CommentText(comment), null));
                    }

                    break;
                case YamlComment comment when comment.IsInline:
                    _stack[^1].InsertBeforeLast(CommentText(comment));
                    break;
                case YamlComment comment:
                    // Where a comment line belongs is only known at the next node (see FlushComments).
                    _buffered.Add((CommentText(comment), comment.Start.Column, _stack[^1]));
                    break;
                case Scalar scalar when _stack.Count == 0:
                    if (scalar.Value.Length > 0 || scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
                    {
                        throw new SopsException("YAML documents that are values are not supported");
                    }

                    break;
                case SequenceStart when _stack.Count == 0:
                    throw new SopsException("YAML documents that are sequences are not supported");
                case MappingStart start when _stack.Count == 0:
                    document = [];
                    _stack.Add(new Frame(document, start.Start.Column, start.Anchor.IsEmpty ? null : start.Anchor.Value));
                    break;
                case MappingStart or SequenceStart:
                    OnNode(parser.Current!);
                    FlushComments(atDocumentEnd: false);
                    break;
                case Scalar or AnchorAlias:
                    FlushComments(atDocumentEnd: false);
                    OnNode(parser.Current!);
                    break;
                default:
                    OnNode(parser.Current!);
                    break;
            }
        }

        return documents;
    }

    private void OnNode(ParsingEvent current)
    {
        switch (current)
        {
            case MappingStart start:
                _stack.Add(new Frame(new SopsBranch(), start.Start.Column, start.Anchor.IsEmpty ? null : start.Anchor.Value));
                break;
            case SequenceStart start:
                _stack.Add(new Frame(new List<object?>(), start.Start.Column, start.Anchor.IsEmpty ? null : start.Anchor.Value));
                break;
            case MappingEnd or SequenceEnd:
                var done = _stack[^1];
                _stack.RemoveAt(_stack.Count - 1);
                if (done.Anchor is not null)
                {
                    _anchors[done.Anchor] = done.Collection;
                }

                if (_stack.Count > 0)
                {
                    Append(done.Collection);
                }

                break;
            case Scalar scalar:
                var value = ScalarValue(scalar);
                if (!scalar.Anchor.IsEmpty)
                {
                    _anchors[scalar.Anchor.Value] = value;
                }

                Append(value);
                break;
            case AnchorAlias alias:
                if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw new SopsException($"unknown anchor '{alias.Value.Value}' referenced");
                }

                Append(target is SopsBranch or List<object?> ? DeepCopy(target) : target);
                break;
        }
    }

    private void Append(object? value)
    {
        var frame = _stack[^1];
        if (frame.Collection is List<object?> list)
        {
            list.Add(value);
            return;
        }

        var branch = (SopsBranch)frame.Collection;
        if (frame.PendingKey is null)
        {
            frame.PendingKey = value switch
            {
                string s => s,
                null => "null",
                bool b => b ? "true" : "false",
                _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            };
            return;
        }

        branch.Add(new SopsItem(frame.PendingKey, value));
        frame.PendingKey = null;
    }

    // As go-yaml attaches comments: a comment line aligned with the entry that follows it is that entry's head comment;
    // any other comment is a foot comment of the innermost collection open where it was written.
    private void FlushComments(bool atDocumentEnd)
    {
        foreach (var (comment, column, readIn) in _buffered)
        {
            if (!atDocumentEnd && _stack.Count > 0 && _stack[^1].Column == column)
            {
                _stack[^1].AddComment(comment);
            }
            else
            {
                readIn.AddComment(comment);
            }
        }

        _buffered.Clear();
    }

    // YamlDotNet drops the spaces after '#'; sops keeps everything after it, so read the line from the source.
    private SopsComment CommentText(YamlComment comment)
    {
        var start = (int)comment.Start.Index;
        if (start < _text.Length && _text[start] == '#')
        {
            var end = _text.IndexOf('\n', start);
            var line = end < 0 ? _text[(start + 1)..] : _text[(start + 1)..end];
            return new SopsComment(line.TrimEnd('\r'));
        }

        return new SopsComment(comment.Value);
    }

    private static object? ScalarValue(Scalar scalar)
    {
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
        {
            return scalar.Value;
        }

        var tag = scalar.Tag.IsEmpty ? string.Empty : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" or "!!str")
        {
            return scalar.Value;
        }

        var (resolved, value) = GoYamlResolver.Resolve(scalar.Value);
        return resolved switch
        {
            GoYamlResolver.Tag.Timestamp => (object?)SopsTimestamp.TryParse(scalar.Value) ?? scalar.Value,
            GoYamlResolver.Tag.Merge => scalar.Value,
            _ => value,
        };
    }

    private static object? DeepCopy(object? value) => value switch
    {
        SopsBranch branch => new SopsBranch(branch.Select(i => new SopsItem(i.Key, DeepCopy(i.Value)))),
        List<object?> list => list.Select(DeepCopy).ToList(),
        _ => value,
    };

    private sealed class Frame(object collection, long column, string? anchor)
    {
        public object Collection { get; } = collection;

        public long Column { get; } = column;

        public string? Anchor { get; } = anchor;

        public string? PendingKey { get; set; }

        public void AddComment(SopsComment comment)
        {
            if (Collection is List<object?> list)
            {
                list.Add(comment);
            }
            else
            {
                ((SopsBranch)Collection).Add(new SopsItem(comment, null));
            }
        }

        public void InsertBeforeLast(SopsComment comment)
        {
            if (Collection is List<object?> list)
            {
                list.Insert(Math.Max(0, list.Count - 1), comment);
                return;
            }

            var branch = (SopsBranch)Collection;
            var at = PendingKey is null ? Math.Max(0, branch.Count - 1) : branch.Count;
            branch.Insert(at, new SopsItem(comment, null));
        }
    }
}
