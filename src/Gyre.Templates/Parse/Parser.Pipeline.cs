using System.Globalization;

namespace Gyre.Templates.Parse;

/// <summary>Pipelines, commands and operands (parse.go pipeline/command/operand/term).</summary>
internal sealed partial class Parser
{
    private PipeNode Pipeline(string context, TokenKind end)
    {
        var token = PeekNonSpace();
        var pipe = new PipeNode(token.Pos, _tree, token.Line);
        ParseDecls(pipe, context);
        while (true)
        {
            token = NextNonSpace();
            if (token.Kind == end)
            {
                CheckPipeline(pipe, context);
                return pipe;
            }
            switch (token.Kind)
            {
                case TokenKind.Bool or TokenKind.CharConstant or TokenKind.Complex or TokenKind.Dot or TokenKind.Field
                    or TokenKind.Identifier or TokenKind.Number or TokenKind.Nil or TokenKind.RawString or TokenKind.String
                    or TokenKind.Variable or TokenKind.LeftParen:
                    Backup();
                    pipe.Cmds.Add(Command());
                    break;
                default:
                    throw Unexpected(token, context);
            }
        }
    }

    private void ParseDecls(PipeNode pipe, string context)
    {
        while (true)
        {
            var v = PeekNonSpace();
            if (v.Kind != TokenKind.Variable)
            {
                return;
            }
            NextToken();
            var tokenAfterVariable = Peek();
            var next = PeekNonSpace();
            if (next.Kind is TokenKind.Assign or TokenKind.Declare)
            {
                pipe.IsAssign = next.Kind == TokenKind.Assign;
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(v.Pos, _tree, v.Val.Split('.')));
                _vars.Add(v.Val);
                return;
            }
            if (next.Kind == TokenKind.Char && next.Val == ",")
            {
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(v.Pos, _tree, v.Val.Split('.')));
                _vars.Add(v.Val);
                if (context == "range" && pipe.Decl.Count < 2)
                {
                    var k = PeekNonSpace().Kind;
                    if (k is TokenKind.Variable or TokenKind.RightDelim or TokenKind.RightParen)
                    {
                        continue;
                    }
                    throw Error("range can only initialize variables");
                }
                throw Error("too many declarations in " + context);
            }
            if (tokenAfterVariable.Kind == TokenKind.Space)
            {
                Backup3(v, tokenAfterVariable);
            }
            else
            {
                Backup2(v);
            }
            return;
        }
    }

    private void CheckPipeline(PipeNode pipe, string context)
    {
        if (pipe.Cmds.Count == 0)
        {
            throw Error("missing value for " + context);
        }
        for (var i = 1; i < pipe.Cmds.Count; i++)
        {
            if (pipe.Cmds[i].Args[0] is BoolNode or DotNode or NilNode or NumberNode or StringNode)
            {
                throw Error("non executable command in pipeline stage " + (i + 1).ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    private BranchNode ParseControl(BranchKind kind, bool allowElseIf, string context)
    {
        var mark = _vars.Count;
        try
        {
            var pipe = Pipeline(context, TokenKind.RightDelim);
            if (kind == BranchKind.Range)
            {
                _rangeDepth++;
            }
            var (list, next) = ItemList();
            if (kind == BranchKind.Range)
            {
                _rangeDepth--;
            }
            ListNode? elseList = null;
            if (next is ElseNode)
            {
                if (allowElseIf && Peek().Kind == TokenKind.If)
                {
                    NextToken();
                    elseList = new ListNode(next.Pos, _tree);
                    elseList.Nodes.Add(ParseControl(BranchKind.If, allowElseIf: true, "if"));
                }
                else
                {
                    (elseList, next) = ItemList();
                    if (next is not EndNode)
                    {
                        throw Error("expected end; found " + next);
                    }
                }
            }
            return new BranchNode(pipe.Pos, _tree, pipe.Line, kind, pipe, list, elseList);
        }
        finally
        {
            _vars.RemoveRange(mark, _vars.Count - mark);
        }
    }

    private ElseNode ElseControl()
    {
        var peek = PeekNonSpace();
        if (peek.Kind == TokenKind.If)
        {
            return new ElseNode(peek.Pos, _tree, peek.Line);
        }
        var token = Expect(TokenKind.RightDelim, "else");
        return new ElseNode(token.Pos, _tree, token.Line);
    }

    private TemplateNode BlockControl()
    {
        const string Context = "block clause";
        var token = NextNonSpace();
        var name = ParseTemplateName(token, Context);
        var pipe = Pipeline(Context, TokenKind.RightDelim);
        var outer = _tree;
        var outerVars = _vars;
        _tree = new Tree(name, _parseName, _text);
        _vars = ["$"];
        var (list, end) = ItemList();
        _tree.Root = list;
        if (end is not EndNode)
        {
            throw Error("unexpected " + end + " in " + Context);
        }
        Add();
        _tree = outer;
        _vars = outerVars;
        return new TemplateNode(token.Pos, _tree, token.Line, name, pipe);
    }

    private TemplateNode TemplateControl()
    {
        const string Context = "template clause";
        var token = NextNonSpace();
        var name = ParseTemplateName(token, Context);
        PipeNode? pipe = null;
        if (NextNonSpace().Kind != TokenKind.RightDelim)
        {
            Backup();
            pipe = Pipeline(Context, TokenKind.RightDelim);
        }
        return new TemplateNode(token.Pos, _tree, token.Line, name, pipe);
    }

    private string ParseTemplateName(Token token, string context) =>
        token.Kind is TokenKind.String or TokenKind.RawString ? UnquoteOrFail(token.Val) : throw Unexpected(token, context);

    private CommandNode Command()
    {
        var cmd = new CommandNode(PeekNonSpace().Pos, _tree);
        while (true)
        {
            PeekNonSpace();
            var operand = Operand();
            if (operand != null)
            {
                cmd.Args.Add(operand);
            }
            var token = NextToken();
            if (token.Kind == TokenKind.Space)
            {
                continue;
            }
            if (token.Kind is TokenKind.RightDelim or TokenKind.RightParen)
            {
                Backup();
            }
            else if (token.Kind != TokenKind.Pipe)
            {
                throw Unexpected(token, "operand");
            }
            break;
        }
        if (cmd.Args.Count == 0)
        {
            throw Error("empty command");
        }
        return cmd;
    }

    private Node? Operand()
    {
        var node = Term();
        if (node == null)
        {
            return null;
        }
        if (Peek().Kind == TokenKind.Field)
        {
            var chain = new ChainNode(Peek().Pos, _tree, node);
            while (Peek().Kind == TokenKind.Field)
            {
                chain.Field.Add(NextToken().Val[1..]);
            }
            switch (node)
            {
                case FieldNode:
                    return new FieldNode(chain.Pos, _tree, chain.ToString()[1..].Split('.'));
                case VariableNode:
                    return new VariableNode(chain.Pos, _tree, chain.ToString().Split('.'));
                case BoolNode or StringNode or NumberNode or NilNode or DotNode:
                    throw Error("unexpected . after term " + Formatting.GoQuote.Quote(node.ToString()));
                default:
                    return chain;
            }
        }
        return node;
    }

    private Node? Term()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                if (!_hasFunction(token.Val))
                {
                    throw Error("function " + Formatting.GoQuote.Quote(token.Val) + " not defined");
                }
                return new IdentifierNode(token.Pos, _tree, token.Val);
            case TokenKind.Dot:
                return new DotNode(token.Pos, _tree);
            case TokenKind.Nil:
                return new NilNode(token.Pos, _tree);
            case TokenKind.Variable:
                return UseVar(token.Pos, token.Val);
            case TokenKind.Field:
                return new FieldNode(token.Pos, _tree, token.Val[1..].Split('.'));
            case TokenKind.Bool:
                return new BoolNode(token.Pos, _tree, token.Val == "true");
            case TokenKind.CharConstant or TokenKind.Complex or TokenKind.Number:
                try
                {
                    return NumberNode.Create(token.Pos, _tree, token.Val, token.Kind);
                }
                catch (ParseError e)
                {
                    throw Error(e.Message);
                }
            case TokenKind.LeftParen:
                return Pipeline("parenthesized pipeline", TokenKind.RightParen);
            case TokenKind.String or TokenKind.RawString:
                return new StringNode(token.Pos, _tree, token.Val, UnquoteOrFail(token.Val));
        }
        Backup();
        return null;
    }

    private VariableNode UseVar(int pos, string name)
    {
        var v = new VariableNode(pos, _tree, name.Split('.'));
        if (_vars.Contains(v.Ident[0]))
        {
            return v;
        }
        throw Error("undefined variable " + Formatting.GoQuote.Quote(v.Ident[0]));
    }
}
