using System.Globalization;
using System.Text;

namespace Gyre.Templates.Parse;

/// <summary>
/// Go's text/template lexer (parse/lex.go, Go 1.19) run eagerly: it yields the same items in the same order,
/// ending with an EOF or the first error item, so the parser sees exactly what Go's parser sees.
/// </summary>
internal sealed partial class Lexer
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
}
