namespace Gyre.Cel.Parsing;

/// <summary>
/// cel-spec's lexical grammar (langdef.md "Syntax"): identifiers, int/uint/double literals (decimal and hex, the
/// <c>u</c> suffix), quoted, triple-quoted, raw and bytes literals, operators, and <c>//</c> comments.
/// </summary>
internal sealed class Lexer(string source)
{
    private static readonly HashSet<string> Reserved =
    [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package",
        "namespace", "return", "var", "void", "while",
    ];

    private readonly string _source = source;
    private int _pos;

    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        while (true)
        {
            SkipTrivia();
            if (_pos >= _source.Length)
            {
                tokens.Add(new Token(TokenKind.End, _pos, null, string.Empty));
                return tokens;
            }

            tokens.Add(Next());
        }
    }

    private void SkipTrivia()
    {
        while (_pos < _source.Length)
        {
            var c = _source[_pos];
            if (c is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                _pos++;
            }
            else if (c == '/' && Peek(1) == '/')
            {
                while (_pos < _source.Length && _source[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private char Peek(int ahead) => _pos + ahead < _source.Length ? _source[_pos + ahead] : '\0';

    private Token Next()
    {
        var start = _pos;
        var c = _source[_pos];
        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
        {
            return Number();
        }

        if (c is '"' or '\'')
        {
            return Quoted(start, raw: false, bytes: false);
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            if (TryStringPrefix(out var raw, out var bytes))
            {
                return Quoted(start, raw, bytes);
            }

            while (_pos < _source.Length && (char.IsAsciiLetterOrDigit(_source[_pos]) || _source[_pos] == '_'))
            {
                _pos++;
            }

            var word = _source[start.._pos];
            return word switch
            {
                "true" => new Token(TokenKind.True, start, true, word),
                "false" => new Token(TokenKind.False, start, false, word),
                "null" => new Token(TokenKind.Null, start, null, word),
                "in" => new Token(TokenKind.In, start, null, word),
                _ when Reserved.Contains(word) => throw Error(start, $"reserved identifier '{word}'"),
                _ => new Token(TokenKind.Identifier, start, word, word),
            };
        }

        return Operator(start, c);
    }

    private Token Operator(int start, char c)
    {
        (TokenKind kind, int length) op = (c, Peek(1)) switch
        {
            ('=', '=') => (TokenKind.Equal, 2),
            ('!', '=') => (TokenKind.NotEqual, 2),
            ('<', '=') => (TokenKind.LessEqual, 2),
            ('>', '=') => (TokenKind.GreaterEqual, 2),
            ('&', '&') => (TokenKind.And, 2),
            ('|', '|') => (TokenKind.Or, 2),
            ('<', _) => (TokenKind.Less, 1),
            ('>', _) => (TokenKind.Greater, 1),
            ('!', _) => (TokenKind.Not, 1),
            ('.', _) => (TokenKind.Dot, 1),
            (',', _) => (TokenKind.Comma, 1),
            (':', _) => (TokenKind.Colon, 1),
            ('?', _) => (TokenKind.Question, 1),
            ('(', _) => (TokenKind.LeftParen, 1),
            (')', _) => (TokenKind.RightParen, 1),
            ('[', _) => (TokenKind.LeftBracket, 1),
            (']', _) => (TokenKind.RightBracket, 1),
            ('{', _) => (TokenKind.LeftBrace, 1),
            ('}', _) => (TokenKind.RightBrace, 1),
            ('+', _) => (TokenKind.Plus, 1),
            ('-', _) => (TokenKind.Minus, 1),
            ('*', _) => (TokenKind.Star, 1),
            ('/', _) => (TokenKind.Slash, 1),
            ('%', _) => (TokenKind.Percent, 1),
            _ => throw Error(start, $"unexpected character '{c}'"),
        };
        _pos += op.length;
        return new Token(op.kind, start, null, _source.Substring(start, op.length));
    }

    private Token Number()
    {
        var start = _pos;
        if (_source[_pos] == '0' && Peek(1) is 'x' or 'X')
        {
            _pos += 2;
            while (_pos < _source.Length && char.IsAsciiHexDigit(_source[_pos]))
            {
                _pos++;
            }

            if (_pos == start + 2)
            {
                throw Error(start, "hex literal needs digits after 0x");
            }

            return IntegerToken(start);
        }

        SkipDigits();
        var isDouble = false;
        if (_pos < _source.Length && _source[_pos] == '.' && char.IsAsciiDigit(Peek(1)))
        {
            isDouble = true;
            _pos++;
            SkipDigits();
        }

        if (_pos < _source.Length && _source[_pos] is 'e' or 'E')
        {
            var save = _pos;
            _pos++;
            if (_pos < _source.Length && _source[_pos] is '+' or '-')
            {
                _pos++;
            }

            if (_pos < _source.Length && char.IsAsciiDigit(_source[_pos]))
            {
                isDouble = true;
                SkipDigits();
            }
            else
            {
                _pos = save;
            }
        }

        if (isDouble)
        {
            var text = _source[start.._pos];
            return new Token(TokenKind.Double, start, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture), text);
        }

        return IntegerToken(start);
    }

    private Token IntegerToken(int start)
    {
        if (_pos < _source.Length && _source[_pos] is 'u' or 'U')
        {
            _pos++;
            return new Token(TokenKind.Uint, start, null, _source[start..(_pos - 1)]);
        }

        return new Token(TokenKind.Int, start, null, _source[start.._pos]);
    }

    private void SkipDigits()
    {
        while (_pos < _source.Length && char.IsAsciiDigit(_source[_pos]))
        {
            _pos++;
        }
    }

    // r"...", b'...', rb"""...""", BR'...': up to two prefix letters, one of each kind, then a quote.
    private bool TryStringPrefix(out bool raw, out bool bytes)
    {
        raw = false;
        bytes = false;
        var i = _pos;
        for (var n = 0; n < 2 && i < _source.Length; n++, i++)
        {
            switch (_source[i])
            {
                case 'r' or 'R' when !raw:
                    raw = true;
                    break;
                case 'b' or 'B' when !bytes:
                    bytes = true;
                    break;
                default:
                    goto done;
            }
        }

    done:
        if (i < _source.Length && i > _pos && _source[i] is '"' or '\'')
        {
            _pos = i;
            return true;
        }

        raw = bytes = false;
        return false;
    }

    private Token Quoted(int start, bool raw, bool bytes)
    {
        var quote = _source[_pos];
        var triple = Peek(1) == quote && Peek(2) == quote;
        var delimiter = triple ? new string(quote, 3) : quote.ToString();
        _pos += delimiter.Length;
        var bodyStart = _pos;
        while (true)
        {
            if (_pos >= _source.Length || (!triple && _source[_pos] is '\n' or '\r'))
            {
                throw Error(start, "unterminated string literal");
            }

            if (_source[_pos] == '\\' && !raw)
            {
                _pos += 2;
                continue;
            }

            if (_source[_pos] == '\\' && raw && _pos + 1 < _source.Length && _source[_pos + 1] == quote && !triple)
            {
                // In a raw string a backslash still cannot end the literal: r'\'' is an escaped quote kept verbatim.
                _pos += 2;
                continue;
            }

            if (string.CompareOrdinal(_source, _pos, delimiter, 0, delimiter.Length) == 0)
            {
                break;
            }

            _pos++;
        }

        var body = _source[bodyStart.._pos];
        _pos += delimiter.Length;
        var text = _source[start.._pos];
        var literal = new StringLiteral(_source, bodyStart);
        return bytes
            ? new Token(TokenKind.Bytes, start, literal.DecodeBytes(body, raw), text)
            : new Token(TokenKind.String, start, literal.DecodeString(body, raw), text);
    }

    private CelException Error(int position, string reason) => new(_source, position + 1, reason);

    internal static string Describe(Token token) => token.Kind == TokenKind.End ? "end of expression" : $"'{token.Text}'";

    internal static bool IsReserved(string word) => Reserved.Contains(word) || word is "in" or "true" or "false" or "null";
}
