using System.Globalization;
using System.Text;

namespace Gyre.Templates.Parse;

/// <summary>A numeric constant with every interpretation Go's parse.NumberNode records.</summary>
internal sealed class NumberNode(int pos, Tree tree, string text) : Node(pos, tree)
{
    public string Text { get; } = text;

    public bool IsInt { get; private set; }

    public bool IsUint { get; private set; }

    public bool IsFloat { get; private set; }

    public bool IsComplex { get; private set; }

    public long Int64 { get; private set; }

    public ulong Uint64 { get; private set; }

    public double Float64 { get; private set; }

    public override void WriteTo(StringBuilder sb) => sb.Append(Text);

    /// <summary>Mirrors parse.newNumber: integer readings first, then float, rejecting overflowing integers.</summary>
    public static NumberNode Create(int pos, Tree tree, string text, TokenKind kind)
    {
        var n = new NumberNode(pos, tree, text);
        if (kind == TokenKind.CharConstant)
        {
            var (rune, tail) = GoLiteral.UnquoteChar(text, 1, '\'');
            if (tail != text.Length - 1)
            {
                throw new ParseError("malformed character constant: " + text);
            }
            n.Int64 = rune;
            n.Uint64 = (ulong)rune;
            n.Float64 = rune;
            n.IsInt = n.IsUint = n.IsFloat = true;
            return n;
        }
        if (kind == TokenKind.Complex || text.EndsWith('i'))
        {
            n.IsComplex = true;
            throw new ParseError("complex constants are not supported: " + text);
        }
        var hasU = GoLiteral.TryParseUint(text, out var u);
        if (hasU)
        {
            n.IsUint = true;
            n.Uint64 = u;
        }
        if (GoLiteral.TryParseInt(text, out var i))
        {
            n.IsInt = true;
            n.Int64 = i;
            if (i == 0)
            {
                n.IsUint = true;
                n.Uint64 = u;
            }
        }
        if (n.IsInt)
        {
            n.IsFloat = true;
            n.Float64 = n.Int64;
        }
        else if (n.IsUint)
        {
            n.IsFloat = true;
            n.Float64 = n.Uint64;
        }
        else if (GoLiteral.TryParseFloat(text, out var f))
        {
            if (text.AsSpan().IndexOfAny(".eEpP") < 0)
            {
                throw new ParseError("integer overflow: " + Formatting.GoQuote.Quote(text));
            }
            n.IsFloat = true;
            n.Float64 = f;
            if (!n.IsInt && f >= -9.2233720368547758e18 && f < 9.2233720368547758e18 && Math.Truncate(f) == f)
            {
                n.IsInt = true;
                n.Int64 = (long)f;
            }
            if (!n.IsUint && f >= 0 && f < 1.8446744073709552e19 && Math.Truncate(f) == f)
            {
                n.IsUint = true;
                n.Uint64 = (ulong)f;
            }
        }
        if (!n.IsInt && !n.IsUint && !n.IsFloat)
        {
            throw new ParseError("illegal number syntax: " + Formatting.GoQuote.Quote(text));
        }
        return n;
    }

    internal static string Invariant(long v) => v.ToString(CultureInfo.InvariantCulture);
}
