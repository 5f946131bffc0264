using System.Globalization;
using System.Text;

namespace Gyre.Templates.Helm;

/// <summary>A TOML decoder for fromToml: key/value pairs, [tables], [[arrays of tables]], strings, numbers, booleans, arrays, inline tables.</summary>
internal sealed class TomlDecoder
{
    private readonly string _s;
    private int _pos;
    private int _line;
    private string _lastKey = "";

    private TomlDecoder(string s) => _s = s;

    /// <summary>Decodes a document; throws FormatException with BurntSushi-style text on failure.</summary>
    public static Dictionary<string, object?> Decode(string s) => new TomlDecoder(s).Document();

    private FormatException Error(string message) =>
        new("toml: line " + _line.ToString(CultureInfo.InvariantCulture) + " (last key " + Formatting.GoQuote.Quote(_lastKey) + "): " + message);

    private Dictionary<string, object?> Document()
    {
        var root = new Dictionary<string, object?>(StringComparer.Ordinal);
        var current = root;
        while (true)
        {
            SkipBlank();
            if (_pos >= _s.Length)
            {
                return root;
            }
            if (_s[_pos] == '[')
            {
                var array = _pos + 1 < _s.Length && _s[_pos + 1] == '[';
                _pos += array ? 2 : 1;
                var path = KeyPath();
                SkipSpaces();
                if (!Expect(array ? "]]" : "]"))
                {
                    throw Error("expected ']'");
                }
                current = Table(root, path, array);
                continue;
            }
            var keys = KeyPath();
            SkipSpaces();
            if (!Expect("="))
            {
                throw Error("expected '='");
            }
            SkipSpaces();
            var value = Value();
            var target = current;
            for (var i = 0; i < keys.Count - 1; i++)
            {
                target = SubTable(target, keys[i]);
            }
            target[keys[^1]] = value;
        }
    }

    private static Dictionary<string, object?> SubTable(Dictionary<string, object?> t, string key)
    {
        if (t.TryGetValue(key, out var v) && v is Dictionary<string, object?> d)
        {
            return d;
        }
        var n = new Dictionary<string, object?>(StringComparer.Ordinal);
        t[key] = n;
        return n;
    }

    private static Dictionary<string, object?> Table(Dictionary<string, object?> root, List<string> path, bool array)
    {
        var t = root;
        for (var i = 0; i < path.Count - 1; i++)
        {
            t = t.TryGetValue(path[i], out var v) && v is List<object?> { Count: > 0 } l ? (Dictionary<string, object?>)l[^1]! : SubTable(t, path[i]);
        }
        if (!array)
        {
            return SubTable(t, path[^1]);
        }
        if (!t.TryGetValue(path[^1], out var existing) || existing is not List<object?> list)
        {
            list = [];
            t[path[^1]] = list;
        }
        var table = new Dictionary<string, object?>(StringComparer.Ordinal);
        list.Add(table);
        return table;
    }

    private bool Expect(string s)
    {
        if (string.CompareOrdinal(_s, _pos, s, 0, s.Length) == 0)
        {
            _pos += s.Length;
            return true;
        }
        return false;
    }

    private void SkipSpaces()
    {
        while (_pos < _s.Length && _s[_pos] is ' ' or '\t')
        {
            _pos++;
        }
    }

    private void SkipBlank()
    {
        while (_pos < _s.Length)
        {
            var c = _s[_pos];
            if (c is ' ' or '\t' or '\r')
            {
                _pos++;
            }
            else if (c == '\n')
            {
                _pos++;
                _line++;
            }
            else if (c == '#')
            {
                while (_pos < _s.Length && _s[_pos] != '\n')
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

    private List<string> KeyPath()
    {
        var keys = new List<string>();
        while (true)
        {
            SkipSpaces();
            string key;
            if (_pos < _s.Length && _s[_pos] is '"' or '\'')
            {
                key = (string)Value()!;
            }
            else
            {
                var start = _pos;
                while (_pos < _s.Length && (char.IsAsciiLetterOrDigit(_s[_pos]) || _s[_pos] is '_' or '-'))
                {
                    _pos++;
                }
                if (start == _pos)
                {
                    throw Error("expected key");
                }
                key = _s[start.._pos];
            }
            keys.Add(key);
            _lastKey = string.Join('.', keys);
            SkipSpaces();
            if (_pos < _s.Length && _s[_pos] == '.')
            {
                _pos++;
                continue;
            }
            return keys;
        }
    }

    private object? Value()
    {
        if (_pos >= _s.Length || _s[_pos] is '\n' or '\r')
        {
            throw Error("unexpected EOF; expected value");
        }
        var c = _s[_pos];
        switch (c)
        {
            case '"':
                return BasicString();
            case '\'':
                var end = _s.IndexOf('\'', _pos + 1);
                if (end < 0)
                {
                    throw Error("unexpected EOF");
                }
                var lit = _s[(_pos + 1)..end];
                _pos = end + 1;
                return lit;
            case '[':
                _pos++;
                var list = new List<object?>();
                while (true)
                {
                    SkipBlank();
                    if (_pos < _s.Length && _s[_pos] == ']')
                    {
                        _pos++;
                        return list;
                    }
                    list.Add(Value());
                    SkipBlank();
                    if (_pos < _s.Length && _s[_pos] == ',')
                    {
                        _pos++;
                    }
                }
            case '{':
                _pos++;
                var table = new Dictionary<string, object?>(StringComparer.Ordinal);
                while (true)
                {
                    SkipSpaces();
                    if (_pos < _s.Length && _s[_pos] == '}')
                    {
                        _pos++;
                        return table;
                    }
                    var keys = KeyPath();
                    if (!Expect("="))
                    {
                        throw Error("expected '='");
                    }
                    SkipSpaces();
                    table[keys[^1]] = Value();
                    SkipSpaces();
                    if (_pos < _s.Length && _s[_pos] == ',')
                    {
                        _pos++;
                    }
                }
        }
        var start = _pos;
        while (_pos < _s.Length && _s[_pos] is not (',' or ']' or '}' or '\n' or '\r' or '#' or ' ' or '\t'))
        {
            _pos++;
        }
        var word = _s[start.._pos].Replace("_", "", StringComparison.Ordinal);
        switch (word)
        {
            case "true":
                return true;
            case "false":
                return false;
            case "inf" or "+inf":
                return double.PositiveInfinity;
            case "-inf":
                return double.NegativeInfinity;
            case "nan" or "+nan" or "-nan":
                return double.NaN;
        }
        if (Parse.GoLiteral.TryParseInt(word, out var i) && !(word.Length > 1 && word[0] == '0' && char.IsAsciiDigit(word[1])))
        {
            return new GoInt64(i);
        }
        if (double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }
        throw Error("expected value but found " + Formatting.GoQuote.Quote(word) + " instead");
    }

    private string BasicString()
    {
        var sb = new StringBuilder();
        _pos++;
        while (_pos < _s.Length && _s[_pos] != '"')
        {
            if (_s[_pos] == '\\' && _pos + 1 < _s.Length)
            {
                var (rune, next) = Parse.GoLiteral.UnquoteChar(_s, _pos, '"');
                sb.Append(char.ConvertFromUtf32(rune));
                _pos = next;
                continue;
            }
            sb.Append(_s[_pos++]);
        }
        if (_pos >= _s.Length)
        {
            throw Error("unexpected EOF");
        }
        _pos++;
        return sb.ToString();
    }
}
