using System.Globalization;
using System.Text;
using System.Text.Json;
using Gyre.Templates;
using Gyre.Templates.Serialization;

namespace Gyre.Helm.Values;

/// <summary>
/// Helm's pkg/strvals parser ("a.b[0].c=v,d={1,2}"): keys split on '.', list indices in [], values up to ',',
/// {a,b} lists, backslash escapes in keys and values. The reader turns raw value text into the stored value.
/// </summary>
internal sealed class StrvalsParser
{
    private const int MaxIndex = 65536;
    private const int MaxNestedNameLevel = 30;

    private readonly string _s;
    private readonly Func<string, object?> _reader;
    private readonly bool _json;
    private int _pos;

    public StrvalsParser(string s, Func<string, object?> reader, bool json)
    {
        _s = s;
        _reader = reader;
        _json = json;
    }

    /// <summary>
    /// Helm's literal parser (--set-literal): no backslash escapes, a key ends at '=', '[' or '.', and the value is the
    /// rest of the line as it is.
    /// </summary>
    public bool Literal { get; init; }

    /// <summary>Parses the whole line into <paramref name="data"/>; throws FormatException with Helm's message.</summary>
    public void Parse(Dictionary<string, object?> data)
    {
        while (Key(data, 0))
        {
        }
    }

    /// <summary>Helm's typedVal: true/false/null (any case), integers not starting with 0, "0", else the string.</summary>
    public static object? TypedVal(string val, bool asString)
    {
        if (val.Length == 0)
        {
            return "";
        }
        if (asString)
        {
            return val;
        }
        if (val.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (val.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (val.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (val == "0")
        {
            return new GoInt64(0);
        }
        if (val[0] != '0' && IsGoInt(val) && long.TryParse(val, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
        {
            return new GoInt64(i);
        }
        return val;
    }

    private static bool IsGoInt(string v)
    {
        var start = v[0] is '+' or '-' ? 1 : 0;
        return v.Length > start && v.AsSpan(start).IndexOfAnyExceptInRange('0', '9') < 0;
    }

    /// <summary>Reads one key=value; false at the end of input.</summary>
    private bool Key(Dictionary<string, object?> data, int level)
    {
        while (true)
        {
            var (k, last, eof) = RunesUntil(Literal ? "=[." : "=[,.");
            if (eof)
            {
                return k.Length == 0 ? false : throw new FormatException("key " + Q(k) + " has no value");
            }
            switch (last)
            {
                case '[':
                    var i = KeyIndex();
                    var list = new List<object?>();
                    if (data.TryGetValue(k, out var existing) && existing != null)
                    {
                        list = existing as List<object?> ?? throw new FormatException("unable to parse key: " + Q(k) + " is not a list");
                    }
                    var (result, more) = ListItem(list, i, level);
                    Set(data, k, result);
                    return more;
                case '=':
                    return _json ? SetJson(v => Set(data, k, v)) : Literal ? Rest(v => Set(data, k, v)) : SetValue(v => Set(data, k, v));
                case ',':
                    Set(data, k, "");
                    throw new FormatException("key " + Q(k) + " has no value (cannot end with ,)");
                default: // '.'
                    level++;
                    if (level > MaxNestedNameLevel)
                    {
                        throw new FormatException("value name nested level is greater than maximum supported nested level of " + MaxNestedNameLevel.ToString(CultureInfo.InvariantCulture));
                    }
                    var inner = GoValues.NewMap();
                    if (data.TryGetValue(k, out var e) && e != null)
                    {
                        inner = e as Dictionary<string, object?> ?? throw new FormatException("unable to parse key: " + Q(k) + " is not a map");
                    }
                    var go = Key(inner, level);
                    if (go && inner.Count == 0)
                    {
                        throw new FormatException("key map " + Q(k) + " has no value");
                    }
                    if (inner.Count != 0)
                    {
                        Set(data, k, inner);
                    }
                    return go;
            }
        }
    }

    /// <summary>After '=': a {list}, else a value up to ','; returns whether input remains.</summary>
    private bool SetValue(Action<object?> set)
    {
        if (_pos >= _s.Length)
        {
            set("");
            return false;
        }
        if (_s[_pos] == '{')
        {
            _pos++;
            set(ValList());
            return true;
        }
        var (rs, _, _) = RunesUntil(",");
        set(_reader(rs));
        return true;
    }

    /// <summary>The literal parser's value: the rest of the input, verbatim.</summary>
    private bool Rest(Action<object?> set)
    {
        set(_reader(_s[_pos..]));
        _pos = _s.Length;
        return false;
    }

    private bool SetJson(Action<object?> set)
    {
        if (EmptyVal())
        {
            set(null);
            return true;
        }
        var rest = Encoding.UTF8.GetBytes(_s[_pos..]);
        var reader = new Utf8JsonReader(rest, new JsonReaderOptions { AllowTrailingCommas = false });
        try
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            set(JsonData.FromElement(doc.RootElement));
        }
        catch (JsonException e)
        {
            throw new FormatException(e.Message.Split(" Path:")[0], e);
        }
        _pos += Encoding.UTF8.GetCharCount(rest, 0, (int)reader.BytesConsumed);
        EmptyVal();
        return true;
    }

    /// <summary>Consumes blanks up to a ',' or the end (true: empty) or stops before any other character (false).</summary>
    private bool EmptyVal()
    {
        while (_pos < _s.Length)
        {
            var r = _s[_pos];
            if (r == ',')
            {
                _pos++;
                return true;
            }
            if (!char.IsWhiteSpace(r))
            {
                return false;
            }
            _pos++;
        }
        return true;
    }

    private List<object?> ValList()
    {
        var list = new List<object?>();
        while (true)
        {
            var (rs, last, eof) = RunesUntil(",}");
            if (eof)
            {
                throw new FormatException("list must terminate with '}'");
            }
            list.Add(_reader(rs));
            if (last == '}')
            {
                if (_pos < _s.Length && _s[_pos] == ',')
                {
                    _pos++;
                }
                return list;
            }
        }
    }

    private int KeyIndex()
    {
        var (v, _, eof) = RunesUntil("]");
        if (eof)
        {
            throw new FormatException("error parsing index: unexpected end of input");
        }
        if (!int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
        {
            throw new FormatException("error parsing index: strconv.Atoi: parsing " + Q(v) + ": invalid syntax");
        }
        return i;
    }

    private (List<object?> List, bool More) ListItem(List<object?> list, int i, int level)
    {
        if (i < 0)
        {
            throw new FormatException("negative " + i.ToString(CultureInfo.InvariantCulture) + " index not allowed");
        }
        var (k, last, eof) = RunesUntil("[.=");
        if (k.Length > 0)
        {
            throw new FormatException("unexpected data at end of array index: " + Q(k));
        }
        if (eof)
        {
            return (list, false);
        }
        switch (last)
        {
            case '=':
                object? value = null;
                var more = _json ? SetJson(v => value = v) : Literal ? Rest(v => value = v) : SetValue(v => value = v);
                return (SetIndex(list, i, value), more);
            case '[':
                var next = KeyIndex();
                var current = new List<object?>();
                if (list.Count > i && list[i] != null)
                {
                    current = list[i] as List<object?> ?? throw new FormatException("unable to parse key: index " + i.ToString(CultureInfo.InvariantCulture) + " is not a list");
                }
                var (nested, m) = ListItem(current, next, level);
                return (SetIndex(list, i, nested), m);
            default: // '.'
                var inner = GoValues.NewMap();
                if (list.Count > i)
                {
                    if (list[i] is Dictionary<string, object?> existing)
                    {
                        inner = existing;
                    }
                    else
                    {
                        list[i] = inner;
                    }
                }
                var go = Key(inner, level);
                return (SetIndex(list, i, inner), go);
        }
    }

    private static List<object?> SetIndex(List<object?> list, int index, object? value)
    {
        if (index < 0)
        {
            throw new FormatException("negative " + index.ToString(CultureInfo.InvariantCulture) + " index not allowed");
        }
        if (index > MaxIndex)
        {
            throw new FormatException("index of " + index.ToString(CultureInfo.InvariantCulture) + " is greater than maximum supported index of " + MaxIndex.ToString(CultureInfo.InvariantCulture));
        }
        while (list.Count <= index)
        {
            list.Add(null);
        }
        list[index] = value;
        return list;
    }

    private static void Set(Dictionary<string, object?> data, string key, object? value)
    {
        if (key.Length > 0)
        {
            data[key] = value;
        }
    }

    private (string Text, char Last, bool Eof) RunesUntil(string stop)
    {
        var sb = new StringBuilder();
        while (_pos < _s.Length)
        {
            var r = _s[_pos++];
            if (stop.Contains(r, StringComparison.Ordinal))
            {
                return (sb.ToString(), r, false);
            }
            if (r == '\\' && !Literal)
            {
                if (_pos >= _s.Length)
                {
                    return (sb.ToString(), '\0', true);
                }
                sb.Append(_s[_pos++]);
                continue;
            }
            sb.Append(r);
        }
        return (sb.ToString(), '\0', true);
    }

    private static string Q(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
