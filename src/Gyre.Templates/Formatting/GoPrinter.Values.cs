using System.Globalization;
using System.Text;
using Gyre.Templates.Execution;

namespace Gyre.Templates.Formatting;

/// <summary>printArg/printValue and the per-kind formatters of Go's fmt.</summary>
internal sealed partial class GoPrinter
{
    private void PrintArg(object? arg, int verb, int depth)
    {
        if (arg is null or NoValue)
        {
            if (verb is 'T' or 'v')
            {
                Pad("<nil>");
            }
            else
            {
                BadVerb(verb, arg, depth);
            }
            return;
        }
        if (verb == 'T')
        {
            FmtS(GoTypes.TypeName(arg));
            return;
        }
        switch (arg)
        {
            case bool b:
                if (verb is 't' or 'v')
                {
                    Pad(b ? "true" : "false");
                }
                else
                {
                    BadVerb(verb, arg, depth);
                }
                return;
            case long or int or GoInt64:
                FmtIntegerVerb(GoTypes.AsLong(arg), verb, arg, depth);
                return;
            case ulong u:
                FmtUnsignedVerb(u, verb, arg, depth);
                return;
            case double d:
                FmtFloatVerb(d, verb, arg, depth);
                return;
            case string s:
                FmtStringVerb(s, verb, arg, depth);
                return;
            case IGoValue g:
                if (verb is 'v' or 's' or 'q' or 'x' or 'X')
                {
                    FmtStringVerb(g.Format(), verb, arg, depth);
                }
                else
                {
                    BadVerb(verb, arg, depth);
                }
                return;
            case GoObject { Text: { } text }:
                FmtStringVerb(text, verb, arg, depth);
                return;
            case Dictionary<string, object?> m:
                PrintMap(m.Keys, k => m[k], verb, depth);
                return;
            case Dictionary<string, string> ms:
                PrintMap(ms.Keys, k => ms[k], verb, depth);
                return;
            case GoKeyedMap km:
                _buf.Append("map[");
                for (var i = 0; i < km.Entries.Count; i++)
                {
                    if (i > 0)
                    {
                        _buf.Append(' ');
                    }
                    PrintArg(km.Entries[i].Key, verb, depth + 1);
                    _buf.Append(':');
                    PrintElement(km.Entries[i].Value, verb, depth + 1);
                }
                _buf.Append(']');
                return;
            case List<object?> l:
                PrintList(l.Count, i => l[i], verb, depth);
                return;
            case string[] sa:
                PrintList(sa.Length, i => sa[i], verb, depth);
                return;
            case long[] la:
                PrintList(la.Length, i => la[i], verb, depth);
                return;
            default:
                FmtStringVerb(arg.ToString() ?? "", verb, arg, depth);
                return;
        }
    }

    private void PrintMap(IEnumerable<string> keys, Func<string, object?> get, int verb, int depth)
    {
        if (_sharpV)
        {
            _buf.Append("map[string]interface {}{");
        }
        else
        {
            _buf.Append("map[");
        }
        var sorted = keys.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i > 0)
            {
                _buf.Append(_sharpV ? ", " : " ");
            }
            PrintArg(sorted[i], verb, depth + 1);
            _buf.Append(':');
            PrintElement(get(sorted[i]), verb, depth + 1);
        }
        _buf.Append(_sharpV ? '}' : ']');
    }

    private void PrintList(int count, Func<int, object?> get, int verb, int depth)
    {
        _buf.Append(_sharpV ? "[]interface {}{" : "[");
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                _buf.Append(_sharpV ? ", " : " ");
            }
            PrintElement(get(i), verb, depth + 1);
        }
        _buf.Append(_sharpV ? '}' : ']');
    }

    // An element of an interface{} collection: a nil element prints "<nil>" whatever the verb.
    private void PrintElement(object? value, int verb, int depth)
    {
        if (value is null)
        {
            _buf.Append(_sharpV ? "interface {}(nil)" : "<nil>");
            return;
        }
        PrintArg(value, verb, depth);
    }

    private void BadVerb(int verb, object? arg, int depth)
    {
        _buf.Append("%!");
        AppendRune(verb);
        _buf.Append('(');
        if (arg is null or NoValue)
        {
            _buf.Append("<nil>");
        }
        else
        {
            _buf.Append(GoTypes.TypeName(arg)).Append('=');
            PrintArg(arg, 'v', depth);
        }
        _buf.Append(')');
    }

    private void FmtStringVerb(string s, int verb, object arg, int depth)
    {
        switch (verb)
        {
            case 'v':
                if (_sharpV)
                {
                    FmtQ(s);
                }
                else
                {
                    FmtS(s);
                }
                break;
            case 's':
                FmtS(s);
                break;
            case 'x':
                FmtSx(s, "0123456789abcdef");
                break;
            case 'X':
                FmtSx(s, "0123456789ABCDEF");
                break;
            case 'q':
                FmtQ(s);
                break;
            default:
                BadVerb(verb, arg, depth);
                break;
        }
    }

    private void FmtS(string s) => Pad(Truncate(s));

    private string Truncate(string s)
    {
        if (!_precPresent)
        {
            return s;
        }
        var n = _prec;
        var i = 0;
        while (i < s.Length)
        {
            if (n-- <= 0)
            {
                return s[..i];
            }
            i += char.IsSurrogatePair(s, i) ? 2 : 1;
        }
        return s;
    }

    private void FmtQ(string s)
    {
        s = Truncate(s);
        if (_sharp && GoQuote.CanBackquote(s))
        {
            Pad("`" + s + "`");
            return;
        }
        Pad(GoQuote.Quote(s, '"', _plus));
    }

    private void FmtSx(string s, string digits)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        var length = bytes.Length;
        if (_precPresent && _prec < length)
        {
            length = _prec;
        }
        var sb = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            if (_space && i > 0)
            {
                sb.Append(' ');
            }
            if (_sharp && (_space || i == 0))
            {
                sb.Append('0').Append(digits[16 - 6] == 'a' ? 'x' : 'X');
            }
            sb.Append(digits[bytes[i] >> 4]).Append(digits[bytes[i] & 0xF]);
        }
        Pad(sb.ToString());
    }
}
