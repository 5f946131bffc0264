using System.Globalization;

namespace Gyre.Templates.Parse;

/// <summary>
/// Go's text/template parser (parse/parse.go, Go 1.19): three-token lookahead, the same grammar and the same error
/// messages ("template: file:line: msg"), so errors match Go's byte for byte.
/// </summary>
internal sealed partial class Parser
{
    private readonly List<Token> _tokens;
    private readonly Func<string, bool> _hasFunction;
    private readonly Dictionary<string, Tree> _treeSet;
    private readonly string _parseName;
    private readonly string _text;
    private readonly Token[] _token = new Token[3];
    private int _next;
    private int _peekCount;
    private List<string> _vars = ["$"];
    private int _actionLine;
    private int _rangeDepth;
    private Tree _tree;

    private Parser(List<Token> tokens, Func<string, bool> hasFunction, Dictionary<string, Tree> treeSet, Tree tree)
    {
        _tokens = tokens;
        _hasFunction = hasFunction;
        _treeSet = treeSet;
        _tree = tree;
        _parseName = tree.ParseName;
        _text = tree.Text;
    }

    /// <summary>Parses one file into its trees (the file's own tree plus every define/block in it).</summary>
    public static Dictionary<string, Tree> Parse(string name, string text, string leftDelim, string rightDelim, Func<string, bool> hasFunction)
    {
        var treeSet = new Dictionary<string, Tree>(StringComparer.Ordinal);
        var tokens = Lexer.Tokenize(text, leftDelim, rightDelim, !hasFunction("break"), !hasFunction("continue"));
        var tree = new Tree(name, name, text);
        var parser = new Parser(tokens, hasFunction, treeSet, tree);
        parser.ParseRoot();
        parser.Add();
        return treeSet;
    }

    private TemplateException Error(string message)
    {
        var line = _token[0].Line;
        return TemplateException.Parse(_parseName, line,
            "template: " + _parseName + ":" + line.ToString(CultureInfo.InvariantCulture) + ": " + message);
    }

    private Token NextToken()
    {
        if (_peekCount > 0)
        {
            _peekCount--;
        }
        else
        {
            _token[0] = _next < _tokens.Count ? _tokens[_next++] : _tokens[^1];
        }
        return _token[_peekCount];
    }

    private void Backup() => _peekCount++;

    private void Backup2(Token t1)
    {
        _token[1] = t1;
        _peekCount = 2;
    }

    private void Backup3(Token t2, Token t1)
    {
        _token[1] = t1;
        _token[2] = t2;
        _peekCount = 3;
    }

    private Token Peek()
    {
        if (_peekCount > 0)
        {
            return _token[_peekCount - 1];
        }
        _peekCount = 1;
        _token[0] = _next < _tokens.Count ? _tokens[_next++] : _tokens[^1];
        return _token[0];
    }

    private Token NextNonSpace()
    {
        Token token;
        do
        {
            token = NextToken();
        }
        while (token.Kind == TokenKind.Space);
        return token;
    }

    private Token PeekNonSpace()
    {
        var token = NextNonSpace();
        Backup();
        return token;
    }

    private Token Expect(TokenKind expected, string context)
    {
        var token = NextNonSpace();
        if (token.Kind != expected)
        {
            throw Unexpected(token, context);
        }
        return token;
    }

    private TemplateException Unexpected(Token token, string context)
    {
        if (token.Kind == TokenKind.Error)
        {
            var extra = "";
            if (_actionLine != 0 && _actionLine != token.Line)
            {
                extra = " in action started at " + _parseName + ":" + _actionLine.ToString(CultureInfo.InvariantCulture);
                if (token.Val.EndsWith(" action", StringComparison.Ordinal))
                {
                    extra = extra[" in action".Length..];
                }
            }
            return Error(token.Val + extra);
        }
        return Error("unexpected " + token + " in " + context);
    }

    private void Add()
    {
        if (!_treeSet.TryGetValue(_tree.Name, out var existing) || IsEmptyTree(existing.Root))
        {
            _treeSet[_tree.Name] = _tree;
            return;
        }
        if (!IsEmptyTree(_tree.Root))
        {
            throw Error("template: multiple definition of template " + Formatting.GoQuote.Quote(_tree.Name));
        }
    }

    /// <summary>parse.IsEmptyTree: only whitespace text and comments.</summary>
    public static bool IsEmptyTree(Node? n) => n switch
    {
        null => true,
        CommentNode => true,
        ListNode l => l.Nodes.TrueForAll(IsEmptyTree),
        TextNode t => string.IsNullOrWhiteSpace(t.Text) || t.Text.AsSpan().Trim(" \t\n\r\v\f\u0085\u00a0").IsEmpty,
        _ => false,
    };

    private void ParseRoot()
    {
        _tree.Root = new ListNode(Peek().Pos, _tree);
        while (Peek().Kind != TokenKind.Eof)
        {
            if (Peek().Kind == TokenKind.LeftDelim)
            {
                var delim = NextToken();
                if (NextNonSpace().Kind == TokenKind.Define)
                {
                    ParseDefinition();
                    continue;
                }
                Backup2(delim);
            }
            var n = TextOrAction();
            if (n is EndNode or ElseNode)
            {
                throw Error("unexpected " + n);
            }
            _tree.Root.Nodes.Add(n);
        }
    }

    private void ParseDefinition()
    {
        const string Context = "define clause";
        var outer = _tree;
        var outerVars = _vars;
        _tree = new Tree("definition", _parseName, _text);
        _vars = ["$"];
        var name = NextNonSpace();
        if (name.Kind is not (TokenKind.String or TokenKind.RawString))
        {
            throw Unexpected(name, Context);
        }
        _tree.Name = UnquoteOrFail(name.Val);
        Expect(TokenKind.RightDelim, Context);
        var (list, end) = ItemList();
        _tree.Root = list;
        if (end is not EndNode)
        {
            throw Error("unexpected " + end + " in " + Context);
        }
        Add();
        _tree = outer;
        _vars = outerVars;
    }

    private string UnquoteOrFail(string quoted)
    {
        try
        {
            return GoLiteral.Unquote(quoted);
        }
        catch (ParseError e)
        {
            throw Error(e.Message);
        }
    }

    private (ListNode List, Node Next) ItemList()
    {
        var list = new ListNode(PeekNonSpace().Pos, _tree);
        while (PeekNonSpace().Kind != TokenKind.Eof)
        {
            var n = TextOrAction();
            if (n is EndNode or ElseNode)
            {
                return (list, n);
            }
            list.Nodes.Add(n);
        }
        throw Error("unexpected EOF");
    }

    private Node TextOrAction()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Text:
                return new TextNode(token.Pos, _tree, token.Val);
            case TokenKind.LeftDelim:
                _actionLine = token.Line;
                try
                {
                    return Action();
                }
                finally
                {
                    _actionLine = 0;
                }
            case TokenKind.Comment:
                return new CommentNode(token.Pos, _tree, token.Val);
            default:
                throw Unexpected(token, "input");
        }
    }

    private Node Action()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Block: return BlockControl();
            case TokenKind.Break: return LoopControl(token, "{{break}}", isBreak: true);
            case TokenKind.Continue: return LoopControl(token, "{{continue}}", isBreak: false);
            case TokenKind.Else: return ElseControl();
            case TokenKind.End: return new EndNode(Expect(TokenKind.RightDelim, "end").Pos, _tree);
            case TokenKind.If: return ParseControl(BranchKind.If, allowElseIf: true, "if");
            case TokenKind.Range: return ParseControl(BranchKind.Range, allowElseIf: false, "range");
            case TokenKind.Template: return TemplateControl();
            case TokenKind.With: return ParseControl(BranchKind.With, allowElseIf: false, "with");
        }
        Backup();
        var t = Peek();
        return new ActionNode(t.Pos, _tree, t.Line, Pipeline("command", TokenKind.RightDelim));
    }

    private Node LoopControl(Token keyword, string context, bool isBreak)
    {
        var token = NextNonSpace();
        if (token.Kind != TokenKind.RightDelim)
        {
            throw Unexpected(token, context);
        }
        if (_rangeDepth == 0)
        {
            throw Error(context + " outside {{range}}");
        }
        return isBreak ? new BreakNode(keyword.Pos, _tree, keyword.Line) : new ContinueNode(keyword.Pos, _tree, keyword.Line);
    }
}
