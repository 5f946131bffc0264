using System.Globalization;
using Gyre.Cel.Ast;

namespace Gyre.Cel.Parsing;

/// <summary>
/// Recursive-descent parser for cel-spec's grammar (langdef.md "Syntax"), lowest precedence first:
/// <c>?:</c>, <c>||</c>, <c>&amp;&amp;</c>, relations (incl. <c>in</c>), <c>+ -</c>, <c>* / %</c>, unary <c>! -</c>,
/// member/index/call, primaries. Macros (<c>has</c>, <c>all</c>, <c>exists</c>, <c>exists_one</c>, <c>map</c>,
/// <c>filter</c>) are expanded here, as cel-go's parser does.
/// </summary>
internal sealed partial class Parser
{
    // cel-go bounds parse recursion too; this keeps a deeply nested expression from overflowing the stack.
    private const int MaxDepth = 200;

    private readonly string _source;
    private readonly List<Token> _tokens;
    private int _index;
    private int _depth;

    private Parser(string source)
    {
        _source = source;
        _tokens = new Lexer(source).Tokenize();
    }

    public static Expr Parse(string source)
    {
        var parser = new Parser(source);
        var expr = parser.ParseExpr();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw parser.Error(parser.Current, $"syntax error: unexpected {Lexer.Describe(parser.Current)}");
        }

        return expr;
    }

    private Token Current => _tokens[_index];

    private Token Advance() => _tokens[_index++];

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        _index++;
        return true;
    }

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Error(Current, $"syntax error: expected {what}, found {Lexer.Describe(Current)}");
        }

        return Advance();
    }

    private CelException Error(Token at, string reason) => new(_source, at.Position + 1, reason);

    private Expr ParseExpr()
    {
        if (++_depth > MaxDepth)
        {
            throw Error(Current, $"expression nests deeper than {MaxDepth} levels");
        }

        try
        {
            var condition = ParseOr();
            if (Current.Kind != TokenKind.Question)
            {
                return condition;
            }

            var question = Advance();
            var whenTrue = ParseOr();
            Expect(TokenKind.Colon, "':'");
            var whenFalse = ParseExpr();
            return new ConditionalExpr(question.Position, condition, whenTrue, whenFalse);
        }
        finally
        {
            _depth--;
        }
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Current.Kind == TokenKind.Or)
        {
            var op = Advance();
            left = new LogicalExpr(op.Position, isAnd: false, left, ParseAnd());
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseRelation();
        while (Current.Kind == TokenKind.And)
        {
            var op = Advance();
            left = new LogicalExpr(op.Position, isAnd: true, left, ParseRelation());
        }

        return left;
    }

    private Expr ParseRelation()
    {
        var left = ParseAddition();
        while (true)
        {
            var function = Current.Kind switch
            {
                TokenKind.Less => "_<_",
                TokenKind.LessEqual => "_<=_",
                TokenKind.Greater => "_>_",
                TokenKind.GreaterEqual => "_>=_",
                TokenKind.Equal => "_==_",
                TokenKind.NotEqual => "_!=_",
                TokenKind.In => "@in",
                _ => null,
            };
            if (function is null)
            {
                return left;
            }

            var op = Advance();
            left = new CallExpr(op.Position, function, null, [left, ParseAddition()]);
        }
    }

    private Expr ParseAddition()
    {
        var left = ParseMultiplication();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Advance();
            left = new CallExpr(op.Position, op.Kind == TokenKind.Plus ? "_+_" : "_-_", null, [left, ParseMultiplication()]);
        }

        return left;
    }

    private Expr ParseMultiplication()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var op = Advance();
            var function = op.Kind switch
            {
                TokenKind.Star => "_*_",
                TokenKind.Slash => "_/_",
                _ => "_%_",
            };
            left = new CallExpr(op.Position, function, null, [left, ParseUnary()]);
        }

        return left;
    }

    private Expr ParseUnary()
    {
        if (Current.Kind == TokenKind.Not)
        {
            var op = Advance();
            return new CallExpr(op.Position, "!_", null, [ParseUnary()]);
        }

        if (Current.Kind == TokenKind.Minus)
        {
            var op = Advance();

            // "-9223372036854775808" is a literal, not the negation of an out-of-range one (cel-go folds it too).
            var next = _tokens[_index + 1].Kind;
            if (Current.Kind is TokenKind.Int or TokenKind.Double && next is not (TokenKind.Dot or TokenKind.LeftBracket))
            {
                var literal = Advance();
                return new ConstExpr(op.Position, literal.Kind == TokenKind.Int ? IntLiteral(literal, negative: true) : -(double)literal.Value!);
            }

            return new CallExpr(op.Position, "-_", null, [ParseUnary()]);
        }

        return ParseMember();
    }

    private object IntLiteral(Token token, bool negative)
    {
        var hex = token.Text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        var digits = hex ? token.Text[2..] : token.Text;
        var style = hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None;
        if (!ulong.TryParse(digits, style, CultureInfo.InvariantCulture, out var magnitude))
        {
            throw Error(token, $"integer literal {token.Text} is out of range");
        }

        if (token.Kind == TokenKind.Uint)
        {
            return magnitude;
        }

        if (negative && magnitude <= 9223372036854775808UL)
        {
            return magnitude == 9223372036854775808UL ? long.MinValue : -(long)magnitude;
        }

        if (!negative && magnitude <= long.MaxValue)
        {
            return (long)magnitude;
        }

        throw Error(token, $"integer literal {(negative ? "-" : string.Empty)}{token.Text} is out of range");
    }
}
