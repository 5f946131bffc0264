using Gyre.Templates.Formatting;

namespace Gyre.Templates.Parse;

/// <summary>One lexical item: its kind, offset in the template text, text and line.</summary>
internal readonly record struct Token(TokenKind Kind, int Pos, string Val, int Line)
{
    /// <summary>Renders the token the way Go's item.String does in "unexpected ..." messages.</summary>
    public override string ToString() => Kind switch
    {
        TokenKind.Eof => "EOF",
        TokenKind.Error => Val,
        > TokenKind.Keyword => "<" + Val + ">",
        _ when Val.Length > 10 => GoQuote.Quote(TruncateRunes(Val, 10)) + "...",
        _ => GoQuote.Quote(Val),
    };

    // %.10q truncates the string to 10 runes before quoting.
    private static string TruncateRunes(string s, int n)
    {
        var i = 0;
        var count = 0;
        while (i < s.Length && count < n)
        {
            i += char.IsSurrogatePair(s, i) ? 2 : 1;
            count++;
        }
        return s[..i];
    }
}
