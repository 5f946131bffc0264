using System.Globalization;

namespace Gyre.Templates.Parse;

/// <summary>Lexing inside an action: operands, strings, numbers, identifiers (lex.go lexInsideAction and its states).</summary>
internal sealed partial class Lexer
{
    private State LexInsideAction()
    {
        var (delim, _) = AtRightDelim();
        if (delim)
        {
            return _parenDepth == 0 ? State.RightDelim : Errorf("unclosed left paren");
        }
        var r = Next();
        switch (r)
        {
            case Eof:
                return Errorf("unclosed action");
            case ' ' or '\t' or '\r' or '\n':
                Backup();
                return LexSpace();
            case '=':
                Emit(TokenKind.Assign);
                return State.InsideAction;
            case ':':
                if (Next() != '=')
                {
                    return Errorf("expected :=");
                }
                Emit(TokenKind.Declare);
                return State.InsideAction;
            case '|':
                Emit(TokenKind.Pipe);
                return State.InsideAction;
            case '"':
                return LexQuote();
            case '`':
                return LexRawQuote();
            case '$':
                return LexVariable();
            case '\'':
                return LexChar();
            case '(':
                Emit(TokenKind.LeftParen);
                _parenDepth++;
                return State.InsideAction;
            case ')':
                Emit(TokenKind.RightParen);
                _parenDepth--;
                return _parenDepth < 0 ? Errorf("unexpected right paren " + DescribeRune(r)) : State.InsideAction;
        }
        if (r == '.' && _pos < _input.Length && (_input[_pos] < '0' || _input[_pos] > '9'))
        {
            return LexFieldOrVariable(TokenKind.Field);
        }
        if (r is '.' or '+' or '-' || (r >= '0' && r <= '9'))
        {
            Backup();
            return LexNumber();
        }
        if (IsAlphaNumeric(r))
        {
            Backup();
            return LexIdentifier();
        }
        if (r <= 127 && r >= 0x20 && r != 0x7f)
        {
            Emit(TokenKind.Char);
            return State.InsideAction;
        }
        return Errorf("unrecognized character in action: " + DescribeRune(r));
    }

    private State LexSpace()
    {
        var numSpaces = 0;
        while (IsSpace(Peek()))
        {
            Next();
            numSpaces++;
        }
        if (HasRightTrimMarker(_pos - 1) && StartsWithAt(_pos - 1 + TrimMarkerLen, _rightDelim))
        {
            Backup();
            if (numSpaces == 1)
            {
                return State.RightDelim;
            }
        }
        Emit(TokenKind.Space);
        return State.InsideAction;
    }

    private State LexIdentifier()
    {
        while (true)
        {
            var r = Next();
            if (IsAlphaNumeric(r))
            {
                continue;
            }
            Backup();
            var word = _input[_start.._pos];
            if (!AtTerminator())
            {
                return Errorf("bad character " + DescribeRune(r));
            }
            if (Keywords.TryGetValue(word, out var kind) && kind > TokenKind.Keyword)
            {
                var asIdentifier = (kind == TokenKind.Break && !_breakOk) || (kind == TokenKind.Continue && !_continueOk);
                Emit(asIdentifier ? TokenKind.Identifier : kind);
            }
            else if (word[0] == '.')
            {
                Emit(TokenKind.Field);
            }
            else
            {
                Emit(word is "true" or "false" ? TokenKind.Bool : TokenKind.Identifier);
            }
            return State.InsideAction;
        }
    }

    private State LexVariable()
    {
        if (AtTerminator())
        {
            Emit(TokenKind.Variable);
            return State.InsideAction;
        }
        return LexFieldOrVariable(TokenKind.Variable);
    }

    private State LexFieldOrVariable(TokenKind kind)
    {
        if (AtTerminator())
        {
            Emit(kind == TokenKind.Variable ? TokenKind.Variable : TokenKind.Dot);
            return State.InsideAction;
        }
        int r;
        while (true)
        {
            r = Next();
            if (!IsAlphaNumeric(r))
            {
                Backup();
                break;
            }
        }
        if (!AtTerminator())
        {
            return Errorf("bad character " + DescribeRune(r));
        }
        Emit(kind);
        return State.InsideAction;
    }

    private bool AtTerminator()
    {
        var r = Peek();
        if (IsSpace(r))
        {
            return true;
        }
        return r is Eof or '.' or ',' or '|' or ':' or ')' or '(' || StartsWithAt(_pos, _rightDelim);
    }

    private State LexChar()
    {
        while (true)
        {
            var r = Next();
            if (r == '\\')
            {
                r = Next();
                if (r != Eof && r != '\n')
                {
                    continue;
                }
                return Errorf("unterminated character constant");
            }
            if (r is Eof or '\n')
            {
                return Errorf("unterminated character constant");
            }
            if (r == '\'')
            {
                break;
            }
        }
        Emit(TokenKind.CharConstant);
        return State.InsideAction;
    }

    private State LexNumber()
    {
        if (!ScanNumber())
        {
            return Errorf("bad number syntax: " + Formatting.GoQuote.Quote(_input[_start.._pos]));
        }
        var sign = Peek();
        if (sign is '+' or '-')
        {
            if (!ScanNumber() || _input[_pos - 1] != 'i')
            {
                return Errorf("bad number syntax: " + Formatting.GoQuote.Quote(_input[_start.._pos]));
            }
            Emit(TokenKind.Complex);
        }
        else
        {
            Emit(TokenKind.Number);
        }
        return State.InsideAction;
    }

    private bool ScanNumber()
    {
        Accept("+-");
        var digits = "0123456789_";
        if (Accept("0"))
        {
            if (Accept("xX"))
            {
                digits = "0123456789abcdefABCDEF_";
            }
            else if (Accept("oO"))
            {
                digits = "01234567_";
            }
            else if (Accept("bB"))
            {
                digits = "01_";
            }
        }
        AcceptRun(digits);
        if (Accept("."))
        {
            AcceptRun(digits);
        }
        if (digits.Length == 11 && Accept("eE"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }
        if (digits.Length == 23 && Accept("pP"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }
        Accept("i");
        if (IsAlphaNumeric(Peek()))
        {
            Next();
            return false;
        }
        return true;
    }

    private State LexQuote()
    {
        while (true)
        {
            var r = Next();
            if (r == '\\')
            {
                r = Next();
                if (r != Eof && r != '\n')
                {
                    continue;
                }
                return Errorf("unterminated quoted string");
            }
            if (r is Eof or '\n')
            {
                return Errorf("unterminated quoted string");
            }
            if (r == '"')
            {
                break;
            }
        }
        Emit(TokenKind.String);
        return State.InsideAction;
    }

    private State LexRawQuote()
    {
        while (true)
        {
            var r = Next();
            if (r == Eof)
            {
                return Errorf("unterminated raw quoted string");
            }
            if (r == '`')
            {
                break;
            }
        }
        Emit(TokenKind.RawString);
        return State.InsideAction;
    }

    private static bool IsSpace(int r) => r is ' ' or '\t' or '\r' or '\n';

    private static bool IsAlphaNumeric(int r) => r == '_' || (r >= 0 && (char.IsLetter((char)r) || char.IsDigit((char)r)));

    private bool HasLeftTrimMarker(int at) => at + 1 < _input.Length && _input[at] == '-' && IsSpace(_input[at + 1]);

    private bool HasRightTrimMarker(int at) => at >= 0 && at + 1 < _input.Length && IsSpace(_input[at]) && _input[at + 1] == '-';

    // Go's %#U: "U+0021 '!'".
    private static string DescribeRune(int r) =>
        r < 0 ? "U+FFFFFFFFFFFFFFFF" : string.Create(CultureInfo.InvariantCulture, $"U+{r:X4} '{(char)r}'");
}
