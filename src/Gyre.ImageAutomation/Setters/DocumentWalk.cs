using YamlDotNet.Core.Events;

namespace Gyre.ImageAutomation.Setters;

/// <summary>
/// Follows the parser's events through one document: which node is a mapping key and which a value, and the
/// document's apiVersion, kind, metadata.name and metadata.namespace (the object a change is reported under).
/// </summary>
internal sealed class DocumentWalk
{
    private readonly List<Level> _stack = [];
    private string _apiVersion = "";
    private string _kind = "";
    private string _name = "";
    private string _namespace = "";

    /// <summary>Consumes one event; true when it is a value node (a mapping value or a sequence item).</summary>
    public bool Visit(ParsingEvent current)
    {
        switch (current)
        {
            case DocumentStart:
                _stack.Clear();
                _apiVersion = _kind = _name = _namespace = "";
                return false;
            case MappingEnd or SequenceEnd:
                _stack.RemoveAt(_stack.Count - 1);
                return false;
            case Scalar or AnchorAlias or MappingStart or SequenceStart:
                var isValue = Node(current);
                if (current is MappingStart)
                {
                    _stack.Add(new Level(true));
                }
                else if (current is SequenceStart)
                {
                    _stack.Add(new Level(false));
                }

                return isValue;
            default:
                return false;
        }
    }

    public ObjectIdentifier Identifier() => new(_apiVersion, _kind, _name, _namespace);

    private bool Node(ParsingEvent node)
    {
        if (_stack.Count == 0)
        {
            return true; // a document that is a single scalar
        }

        var parent = _stack[^1];
        if (!parent.IsMapping)
        {
            return true;
        }

        if (parent.ExpectKey)
        {
            parent.ExpectKey = false;
            parent.Key = node is Scalar key ? key.Value : null;
            return false;
        }

        parent.ExpectKey = true;
        if (node is Scalar value)
        {
            Record(parent.Key, value.Value);
        }

        return true;
    }

    private void Record(string? key, string value)
    {
        if (_stack.Count == 1)
        {
            if (key == "apiVersion")
            {
                _apiVersion = value;
            }
            else if (key == "kind")
            {
                _kind = value;
            }
        }
        else if (_stack.Count == 2 && _stack[0].Key == "metadata")
        {
            if (key == "name")
            {
                _name = value;
            }
            else if (key == "namespace")
            {
                _namespace = value;
            }
        }
    }

    private sealed class Level(bool isMapping)
    {
        public bool IsMapping { get; } = isMapping;

        public bool ExpectKey { get; set; } = true;

        public string? Key { get; set; }
    }
}
