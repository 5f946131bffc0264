using System.Globalization;
using System.Text;

namespace Gyre.Templates.Parse;

/// <summary>
/// Go's text/template lexer (parse/lex.go, Go 1.19) run eagerly: it yields the same items in the same order,
/// ending with an EOF or the first error item, so the parser sees exactly what Go's parser sees.
/// </summary>
internal sealed class Lexer
{
    private const string SpaceChars = " \t\r\n";
    private const string LeftComment = "/*";
    private const string RightComment = "*/";
    private const int TrimMarkerLen = 2;
    private const int Eof = -1;

    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.Ordinal)
    {
        ["."] = TokenKind.Dot, ["block"] = TokenKind.Block, ["break"] = TokenKind.Break,
        ["continue"] = TokenKind.Continue, ["define"] = TokenKind.Define, ["else"] = TokenKind.Else,
        ["end"] = TokenKind.End, ["if"] = TokenKind.If, ["range"] = TokenKind.Range, ["nil"] = TokenKind.Nil,
        ["template"] = TokenKind.Template, ["with"] = TokenKind.With,
    };

    private readonly string _input;
    private readonly string _leftDelim;
    private readonly string _rightDelim;
    private readonly bool _breakOk;
    private readonly bool _continueOk;
    private readonly List<Token> _items = [];
    private int _pos;
    private int _start;
    private bool _atEof;
    private int _parenDepth;
    private int _line = 1;
    private int _startLine = 1;

    private Lexer(string input, string leftDelim, string rightDelim, bool breakOk, bool continueOk)
    {
        _input = input;
        _leftDelim = leftDelim;
        _rightDelim = rightDelim;
        _breakOk = breakOk;
        _continueOk = continueOk;
    }

    private enum State { Text, LeftDelim, Comment, RightDelim, InsideAction, Done }

    public static List<Token> Tokenize(string input, string leftDelim, string rightDelim, bool breakOk, bool continueOk)
    {
        var lexer = new Lexer(input, leftDelim, rightDelim, breakOk, continueOk);
        lexer.Run();
        return lexer._items;
    }

    private void Run()
    {
        var state = State.Text;
        while (state != State.Done)
        {
            state = state switch
            {
                State.Text => LexText(),
                State.LeftDelim => LexLeftDelim(),
                State.Comment => LexComment(),
                State.RightDelim => LexRightDelim(),
                _ => LexInsideAction(),
            };
        }
    }

    private int Next()
    {
        if (_pos >= _input.Length)
        {
            _atEof = true;
            return Eof;
        }
        var c = _input[_pos++];
        if (c == '\n')
        {
            _line++;
        }
        return c;
    }

    private int Peek()
    {
        var r = Next();
        Backup();
        return r;
    }

    private void Backup()
    {
        if (!_atEof && _pos > 0)
        {
            _pos--;
            if (_input[_pos] == '\n')
            {
                _line--;
            }
        }
    }

    private void Emit(TokenKind kind)
    {
        _items.Add(new Token(kind, _start, _input[_start.._pos], _startLine));
        _start = _pos;
        _startLine = _line;
    }

    private void Ignore()
    {
        _line += CountNewlines(_start, _pos);
        _start = _pos;
        _startLine = _line;
    }

    private int CountNewlines(int from, int to)
    {
        var n = 0;
        for (var i = from; i < to; i++)
        {
            if (_input[i] == '\n')
            {
                n++;
            }
        }
        return n;
    }

    private bool Accept(string valid)
    {
        var r = Next();
        if (r != Eof && valid.Contains((char)r, StringComparison.Ordinal))
        {
            return true;
        }
        Backup();
        return false;
    }

    private void AcceptRun(string valid)
    {
        while (true)
        {
            var r = Next();
            if (r == Eof || !valid.Contains((char)r, StringComparison.Ordinal))
            {
                break;
            }
        }
        Backup();
    }

    private State Errorf(string message)
    {
        _items.Add(new Token(TokenKind.Error, _start, message, _startLine));
        return State.Done;
    }

    private bool StartsWithAt(int pos, string s) =>
        pos <= _input.Length && string.CompareOrdinal(_input, pos, s, 0, s.Length) == 0 && pos + s.Length <= _input.Length;

    private State LexText()
    {
        var x = _input.IndexOf(_leftDelim, _pos, StringComparison.Ordinal);
        if (x >= 0)
        {
            var ldn = _leftDelim.Length;
            _pos = x;
            var trimLength = 0;
            if (HasLeftTrimMarker(x + ldn))
            {
                var s = _input.AsSpan(_start, _pos - _start);
                trimLength = s.Length - s.TrimEnd(SpaceChars).Length;
            }
            _pos -= trimLength;
            if (_pos > _start)
            {
                _line += CountNewlines(_start, _pos);
                Emit(TokenKind.Text);
            }
            _pos += trimLength;
            Ignore();
            return State.LeftDelim;
        }
        _pos = _input.Length;
        if (_pos > _start)
        {
            _line += CountNewlines(_start, _pos);
            Emit(TokenKind.Text);
        }
        Emit(TokenKind.Eof);
        return State.Done;
    }

    private (bool Delim, bool Trim) AtRightDelim()
    {
        if (HasRightTrimMarker(_pos) && StartsWithAt(_pos + TrimMarkerLen, _rightDelim))
        {
            return (true, true);
        }
        return StartsWithAt(_pos, _rightDelim) ? (true, false) : (false, false);
    }

    private int LeftTrimLength(int from)
    {
        var s = _input.AsSpan(from);
        return s.Length - s.TrimStart(SpaceChars).Length;
    }

    private State LexLeftDelim()
    {
        _pos += _leftDelim.Length;
        var trimSpace = HasLeftTrimMarker(_pos);
        var afterMarker = trimSpace ? TrimMarkerLen : 0;
        if (StartsWithAt(_pos + afterMarker, LeftComment))
        {
            _pos += afterMarker;
            Ignore();
            return State.Comment;
        }
        Emit(TokenKind.LeftDelim);
        _pos += afterMarker;
        Ignore();
        _parenDepth = 0;
        return State.InsideAction;
    }

    private State LexComment()
    {
        _pos += LeftComment.Length;
        var i = _input.IndexOf(RightComment, _pos, StringComparison.Ordinal);
        if (i < 0)
        {
            return Errorf("unclosed comment");
        }
        _pos = i + RightComment.Length;
        var (delim, trimSpace) = AtRightDelim();
        if (!delim)
        {
            return Errorf("comment ends before closing delimiter");
        }
        if (trimSpace)
        {
            _pos += TrimMarkerLen;
        }
        _pos += _rightDelim.Length;
        if (trimSpace)
        {
            _pos += LeftTrimLength(_pos);
        }
        Ignore();
        return State.Text;
    }

    private State LexRightDelim()
    {
        var trimSpace = HasRightTrimMarker(_pos);
        if (trimSpace)
        {
            _pos += TrimMarkerLen;
            Ignore();
        }
        _pos += _rightDelim.Length;
        Emit(TokenKind.RightDelim);
        if (trimSpace)
        {
            _pos += LeftTrimLength(_pos);
            Ignore();
        }
        return State.Text;
    }

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
