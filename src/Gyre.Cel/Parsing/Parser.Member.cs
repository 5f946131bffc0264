using Gyre.Cel.Ast;
using Gyre.Cel.Values;

namespace Gyre.Cel.Parsing;

/// <summary>Member access, calls, macros and primaries.</summary>
internal sealed partial class Parser
{
    private Expr ParseMember()
    {
        var expr = ParsePrimary();
        while (true)
        {
            if (Current.Kind == TokenKind.Dot)
            {
                var dot = Advance();
                var name = Expect(TokenKind.Identifier, "a field or method name after '.'");
                if (Current.Kind == TokenKind.LeftParen)
                {
                    Advance();
                    var args = ParseArguments(TokenKind.RightParen, "')'");
                    expr = ReceiverCall(name, expr, args);
                }
                else
                {
                    expr = new SelectExpr(dot.Position, expr, (string)name.Value!, testOnly: false);
                }
            }
            else if (Current.Kind == TokenKind.LeftBracket)
            {
                var bracket = Advance();
                var index = ParseExpr();
                Expect(TokenKind.RightBracket, "']'");
                expr = new IndexExpr(bracket.Position, expr, index);
            }
            else
            {
                return expr;
            }
        }
    }

    private List<Expr> ParseArguments(TokenKind close, string closeText)
    {
        var args = new List<Expr>();
        if (Accept(close))
        {
            return args;
        }

        do
        {
            if (close == TokenKind.RightBracket && Current.Kind == close)
            {
                break; // trailing comma in a list literal
            }

            args.Add(ParseExpr());
        }
        while (Accept(TokenKind.Comma));

        Expect(close, closeText);
        return args;
    }

    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Int or TokenKind.Uint:
                Advance();
                return new ConstExpr(token.Position, IntLiteral(token, negative: false));
            case TokenKind.Double:
                Advance();
                return new ConstExpr(token.Position, token.Value!);
            case TokenKind.String:
                Advance();
                return new ConstExpr(token.Position, token.Value!);
            case TokenKind.Bytes:
                Advance();
                return new ConstExpr(token.Position, new CelBytes((byte[])token.Value!));
            case TokenKind.True or TokenKind.False:
                Advance();
                return new ConstExpr(token.Position, token.Value!);
            case TokenKind.Null:
                Advance();
                return new ConstExpr(token.Position, CelNull.Value);
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseExpr();
                Expect(TokenKind.RightParen, "')'");
                return inner;
            case TokenKind.LeftBracket:
                Advance();
                return new ListExpr(token.Position, ParseArguments(TokenKind.RightBracket, "']'"));
            case TokenKind.LeftBrace:
                Advance();
                return new MapExpr(token.Position, ParseMapEntries());
            case TokenKind.Dot or TokenKind.Identifier:
                return ParseIdentifier();
            default:
                throw Error(token, $"syntax error: unexpected {Lexer.Describe(token)}");
        }
    }

    private List<(Expr Key, Expr Value)> ParseMapEntries()
    {
        var entries = new List<(Expr, Expr)>();
        while (Current.Kind != TokenKind.RightBrace)
        {
            var key = ParseExpr();
            Expect(TokenKind.Colon, "':' in map literal");
            entries.Add((key, ParseExpr()));
            if (!Accept(TokenKind.Comma))
            {
                break;
            }
        }

        Expect(TokenKind.RightBrace, "'}'");
        return entries;
    }

    private Expr ParseIdentifier()
    {
        Accept(TokenKind.Dot); // a leading dot names the root scope; there are no containers here
        var token = Expect(TokenKind.Identifier, "an identifier");
        var name = (string)token.Value!;
        if (Current.Kind == TokenKind.LeftBrace && char.IsAsciiLetterUpper(name[0]))
        {
            throw Error(Current, $"message construction '{name}{{...}}' is not supported: only JSON data is available");
        }

        if (Current.Kind != TokenKind.LeftParen)
        {
            return new IdentExpr(token.Position, name);
        }

        Advance();
        var args = ParseArguments(TokenKind.RightParen, "')'");
        if (name == "has")
        {
            return args is [SelectExpr { TestOnly: false } select]
                ? new SelectExpr(select.Position, select.Operand, select.Field, testOnly: true)
                : throw Error(token, "invalid argument to has() macro: it takes one field selection such as has(a.b)");
        }

        return new CallExpr(token.Position, name, null, args);
    }

    private Expr ReceiverCall(Token name, Expr target, List<Expr> args)
    {
        var function = (string)name.Value!;
        var kind = function switch
        {
            "all" when args.Count == 2 => MacroKind.All,
            "exists" when args.Count == 2 => MacroKind.Exists,
            "exists_one" when args.Count == 2 => MacroKind.ExistsOne,
            "map" when args.Count is 2 or 3 => MacroKind.Map,
            "filter" when args.Count == 2 => MacroKind.Filter,
            _ => (MacroKind?)null,
        };
        if (kind is null)
        {
            return new CallExpr(name.Position, function, target, args);
        }

        if (args[0] is not IdentExpr variable)
        {
            throw Error(name, $"{function}() macro: the first argument must be a simple name");
        }

        return kind switch
        {
            MacroKind.Map when args.Count == 3 => new ComprehensionExpr(name.Position, MacroKind.Map, target, variable.Name, args[1], args[2]),
            MacroKind.Map => new ComprehensionExpr(name.Position, MacroKind.Map, target, variable.Name, null, args[1]),
            MacroKind.Filter => new ComprehensionExpr(name.Position, MacroKind.Filter, target, variable.Name, args[1], null),
            _ => new ComprehensionExpr(name.Position, kind.Value, target, variable.Name, args[1], null),
        };
    }
}
