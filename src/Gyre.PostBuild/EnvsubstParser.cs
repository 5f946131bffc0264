using System.Text;

namespace Gyre.PostBuild;

/// <summary>
/// Parses Flux's envsubst dialect (fluxcd/pkg/envsubst, a fork of drone/envsubst): only braced ${...} expressions
/// expand, "$$" escapes a dollar, and each operator reads its arguments with the same stop characters as Flux's
/// scanner, so what parses (and what fails) matches the kustomize-controller.
/// </summary>
internal sealed class EnvsubstParser
{
    private readonly string _text;
    private int _pos;

    private EnvsubstParser(string text) => _text = text;

    public static IReadOnlyList<EnvsubstNode> Parse(string text)
    {
        var parser = new EnvsubstParser(text);
        var nodes = new List<EnvsubstNode>();
        while (parser._pos < text.Length)
        {
            if (parser.AtOpening())
            {
                parser._pos += 2;
                nodes.Add(parser.ParseExpression());
            }
            else
            {
                nodes.Add(new EnvsubstText(parser.ReadText(_ => true, escapeDollar: true, escapeBackslash: false)));
            }
        }

        return nodes;
    }

    private char Peek(int offset = 0) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private bool AtEnd => _pos >= _text.Length;

    private bool AtOpening() => Peek() == '$' && Peek(1) == '{';

    /// <summary>Reads accepted characters up to the end, a rejected character or the next "${".</summary>
    private string ReadText(Func<char, bool> accept, bool escapeDollar, bool escapeBackslash)
    {
        var text = new StringBuilder();
        while (!AtEnd && !AtOpening())
        {
            var c = Peek();
            var escaped = (escapeDollar && c == '$' && Peek(1) == '$') || (escapeBackslash && c == '\\' && Peek(1) is '/' or '\\');
            if (escaped)
            {
                // The escape character is dropped and the escaped one taken as it is, without further checks.
                text.Append(Peek(1));
                _pos += 2;
                continue;
            }

            if (!accept(c))
            {
                break;
            }

            text.Append(c);
            _pos++;
        }

        return text.ToString();
    }

    private EnvsubstExpression ParseExpression()
    {
        var start = _pos - 2;
        if (Peek() == '#')
        {
            _pos++;
            var lengthOf = ReadIdentifier();
            if (lengthOf.Length == 0)
            {
                throw Bad("bad substitution", start);
            }

            ExpectClosing(start, "bad substitution");
            return new EnvsubstExpression(lengthOf, "#", []);
        }

        var name = ReadIdentifier();
        if (name.Length == 0)
        {
            throw Bad("unable to parse variable name", start);
        }

        switch (Peek())
        {
            case ':' when Peek(1) is '=' or '-' or '?' or '+':
                _pos += 2;
                return ParseDefault(name, ":" + _text[_pos - 1], start);
            case ':':
                _pos++;
                return ParseSubstring(name, start);
            case '=':
                _pos++;
                return ParseDefault(name, "=", start);
            case ',' or '^':
                var casing = ReadOperator(c => c is ',' or '^');
                ExpectClosing(start, "bad substitution");
                return new EnvsubstExpression(name, casing, []);
            case '/':
                return ParseReplace(name, start);
            case '#' or '%':
                var marker = Peek();
                var remove = ReadOperator(c => c == marker);
                var pattern = ParseArgument(c => c != '}', start, escapes: false);
                ExpectClosing(start, "bad substitution");
                return new EnvsubstExpression(name, remove, [pattern]);
            default:
                ExpectClosing(start, "missing closing brace");
                return new EnvsubstExpression(name, string.Empty, []);
        }
    }

    private EnvsubstExpression ParseDefault(string name, string op, int start)
    {
        var arguments = new List<EnvsubstNode>();
        while (Peek() != '}')
        {
            arguments.Add(ParseArgument(c => c != '}', start, escapes: false));
        }

        _pos++;
        return new EnvsubstExpression(name, op, arguments);
    }

    private EnvsubstExpression ParseSubstring(string name, int start)
    {
        var offset = ParseArgument(c => c is not ':' and not '}', start, escapes: false);
        if (Peek() == '}')
        {
            _pos++;
            return new EnvsubstExpression(name, ":", [offset]);
        }

        if (Peek() != ':')
        {
            throw Bad("bad substitution", start);
        }

        while (Peek() == ':')
        {
            _pos++;
        }

        var length = ParseArgument(c => c != '}', start, escapes: false);
        ExpectClosing(start, "bad substitution");
        return new EnvsubstExpression(name, ":", [offset, length]);
    }

    private EnvsubstExpression ParseReplace(string name, int start)
    {
        _pos++;
        var op = Peek() is '/' or '#' or '%' ? "/" + _text[_pos++] : "/";
        var pattern = Peek() == '/' ? new EnvsubstText(string.Empty) : ParseArgument(c => c != '/', start, escapes: true);
        if (Peek() != '/')
        {
            throw Bad("bad substitution", start);
        }

        while (Peek() == '/')
        {
            _pos++;
        }

        if (Peek() == '}')
        {
            _pos++;
            return new EnvsubstExpression(name, op, [pattern]);
        }

        var replacement = ParseArgument(c => c != '}', start, escapes: true);
        ExpectClosing(start, "bad substitution");
        return new EnvsubstExpression(name, op, [pattern, replacement]);
    }

    private EnvsubstNode ParseArgument(Func<char, bool> accept, int start, bool escapes)
    {
        if (AtOpening())
        {
            _pos += 2;
            return ParseExpression();
        }

        var first = Peek();
        var escapedFirst = escapes && ((first == '$' && Peek(1) == '$') || (first == '\\' && Peek(1) is '/' or '\\'));
        if (AtEnd || (!escapedFirst && !accept(first)))
        {
            throw Bad("unable to parse substitution within function", start);
        }

        return new EnvsubstText(ReadText(accept, escapes, escapes));
    }

    private string ReadIdentifier()
    {
        var begin = _pos;
        while (!AtEnd && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        return _text[begin.._pos];
    }

    private string ReadOperator(Func<char, bool> accept)
    {
        var begin = _pos;
        while (!AtEnd && _pos - begin < 2 && accept(_text[_pos]))
        {
            _pos++;
        }

        return _text[begin.._pos];
    }

    private void ExpectClosing(int start, string reason)
    {
        if (Peek() != '}')
        {
            throw Bad(reason, start);
        }

        _pos++;
    }

    private SubstitutionException Bad(string reason, int start)
    {
        var end = _text.IndexOf('}', start);
        var shown = end < 0 ? _text[start..Math.Min(_text.Length, start + 40)] : _text[start..(end + 1)];
        return new SubstitutionException($"{reason} in '{shown}'");
    }
}
