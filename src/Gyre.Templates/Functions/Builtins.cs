using System.Text;
using Gyre.Templates.Execution;
using Gyre.Templates.Formatting;

namespace Gyre.Templates.Functions;

/// <summary>text/template's predefined functions (funcs.go, Go 1.19).</summary>
internal static class Builtins
{
    private static readonly System.Buffers.SearchValues<char> HtmlSpecial = System.Buffers.SearchValues.Create("'\"&<>\0");
    private static readonly ArgType[] OneValue = [ArgType.Value];
    private static readonly ArgType[] TwoValues = [ArgType.Value, ArgType.Value];

    public static readonly IReadOnlyDictionary<string, TemplateFunction> Functions = new Dictionary<string, TemplateFunction>(StringComparer.Ordinal)
    {
        // and/or are evaluated by the executor (short-circuit); these entries give their signature.
        ["and"] = new(OneValue, ArgType.Value, (_, a) => null),
        ["or"] = new(OneValue, ArgType.Value, (_, a) => null),
        ["not"] = new(OneValue, null, (_, a) => !Truth(a[0])),
        ["call"] = new(OneValue, ArgType.Value, (_, a) => Call(a)),
        ["html"] = new([], ArgType.Any, (_, a) => HtmlEscape(EvalArgs(a))),
        ["js"] = new([], ArgType.Any, (_, a) => JsEscape(EvalArgs(a))),
        ["urlquery"] = new([], ArgType.Any, (_, a) => QueryEscape(EvalArgs(a))),
        ["index"] = new(OneValue, ArgType.Value, (_, a) => Index(a)),
        ["slice"] = new(OneValue, ArgType.Value, (_, a) => Slice(a)),
        ["len"] = new(OneValue, null, (_, a) => Length(a[0])),
        ["print"] = new([], ArgType.Any, (_, a) => GoPrinter.Sprint(a)),
        ["printf"] = new([ArgType.String], ArgType.Any, (_, a) => GoPrinter.Sprintf((string)a[0]!, a.AsSpan(1).ToArray())),
        ["println"] = new([], ArgType.Any, (_, a) => GoPrinter.Sprintln(a)),
        ["eq"] = new(OneValue, ArgType.Value, (_, a) => Comparison.Eq(a[0], a.AsSpan(1).ToArray())),
        ["ne"] = new(TwoValues, null, (_, a) => !Comparison.Eq(a[0], [a[1]])),
        ["lt"] = new(TwoValues, null, (_, a) => Comparison.Lt(a[0], a[1])),
        ["le"] = new(TwoValues, null, (_, a) => Comparison.Lt(a[0], a[1]) || Comparison.Eq(a[0], [a[1]])),
        ["gt"] = new(TwoValues, null, (_, a) => !(Comparison.Lt(a[0], a[1]) || Comparison.Eq(a[0], [a[1]]))),
        ["ge"] = new(TwoValues, null, (_, a) => !Comparison.Lt(a[0], a[1])),
    };

    public static bool Truth(object? v) => GoTypes.IsTrue(v).Truth;

    private static object? Call(object?[] a)
    {
        var fn = a[0];
        if (fn is null or NoValue)
        {
            throw new TemplateFunctionException("call of nil");
        }
        throw new TemplateFunctionException("non-function of type " + GoTypes.TypeName(fn));
    }

    private static long Length(object? item)
    {
        if (item is NoValue)
        {
            throw new TemplateFunctionException("reflect: call of reflect.Value.Type on zero Value");
        }
        if (item is null)
        {
            throw new TemplateFunctionException("len of nil pointer");
        }
        var n = GoTypes.Length(item);
        if (n < 0)
        {
            throw new TemplateFunctionException("len of type " + GoTypes.TypeName(item));
        }
        return n;
    }

    private static int IndexArg(object? index, int cap)
    {
        long x;
        if (GoTypes.IsInt(index))
        {
            x = GoTypes.AsLong(index);
        }
        else if (index is ulong u)
        {
            x = (long)u;
        }
        else if (index is null or NoValue)
        {
            throw new TemplateFunctionException("cannot index slice/array with nil");
        }
        else
        {
            throw new TemplateFunctionException("cannot index slice/array with type " + GoTypes.TypeName(index));
        }
        if (x < 0 || x > cap)
        {
            throw new TemplateFunctionException("index out of range: " + GoPrinter.Invariant(x));
        }
        return (int)x;
    }

    private static object? Index(object?[] a)
    {
        var item = a[0];
        if (item is null or NoValue)
        {
            throw new TemplateFunctionException("index of untyped nil");
        }
        for (var k = 1; k < a.Length; k++)
        {
            var index = a[k] is NoValue ? null : a[k];
            if (item is null)
            {
                throw new TemplateFunctionException("index of nil pointer");
            }
            switch (item)
            {
                case string s:
                    var bytes = Encoding.UTF8.GetBytes(s);
                    var bi = IndexArg(index, bytes.Length);
                    if (bi == bytes.Length)
                    {
                        throw new TemplateFunctionException("reflect: string index out of range");
                    }
                    item = (long)bytes[bi];
                    break;
                case List<object?> or string[] or long[]:
                    var len = GoTypes.Length(item);
                    var x = IndexArg(index, len);
                    if (x == len)
                    {
                        throw new TemplateFunctionException("reflect: slice index out of range");
                    }
                    item = GoTypes.SliceAt(item, x);
                    break;
                case Dictionary<string, object?> m:
                    item = m.TryGetValue(MapKey(index), out var mv) ? mv : null;
                    break;
                case Dictionary<string, string> ms:
                    item = ms.TryGetValue(MapKey(index), out var msv) ? msv : "";
                    break;
                default:
                    throw new TemplateFunctionException("can't index item of type " + GoTypes.TypeName(item));
            }
        }
        return item;
    }

    private static string MapKey(object? index) => index switch
    {
        string s => s,
        null => throw new TemplateFunctionException("value is nil; should be of type string"),
        _ => throw new TemplateFunctionException("value has type " + GoTypes.TypeName(index) + "; should be string"),
    };

    private static object? Slice(object?[] a)
    {
        var item = a[0];
        if (item is null or NoValue)
        {
            throw new TemplateFunctionException("slice of untyped nil");
        }
        var indexes = a.Length - 1;
        if (indexes > 3)
        {
            throw new TemplateFunctionException("too many slice indexes: " + GoPrinter.Invariant(indexes));
        }
        int cap;
        switch (item)
        {
            case string s:
                if (indexes == 3)
                {
                    throw new TemplateFunctionException("cannot 3-index slice a string");
                }
                cap = Encoding.UTF8.GetByteCount(s);
                break;
            case List<object?> or string[] or long[]:
                cap = GoTypes.Length(item);
                break;
            default:
                throw new TemplateFunctionException("can't slice item of type " + GoTypes.TypeName(item));
        }
        int[] idx = [0, cap, 0];
        for (var k = 0; k < indexes; k++)
        {
            idx[k] = IndexArg(a[k + 1] is NoValue ? null : a[k + 1], cap);
        }
        if (idx[0] > idx[1])
        {
            throw new TemplateFunctionException("invalid slice index: " + GoPrinter.Invariant(idx[0]) + " > " + GoPrinter.Invariant(idx[1]));
        }
        if (indexes == 3 && idx[1] > idx[2])
        {
            throw new TemplateFunctionException("invalid slice index: " + GoPrinter.Invariant(idx[1]) + " > " + GoPrinter.Invariant(idx[2]));
        }
        return item switch
        {
            string s => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s), idx[0], idx[1] - idx[0]),
            List<object?> l => l.GetRange(idx[0], idx[1] - idx[0]),
            string[] sa => sa[idx[0]..idx[1]],
            long[] la => la[idx[0]..idx[1]],
            _ => null,
        };
    }

    /// <summary>funcs.go evalArgs: a lone string as is, else fmt.Sprint with missing values as "&lt;no value&gt;".</summary>
    private static string EvalArgs(object?[] args)
    {
        if (args.Length == 1 && args[0] is string s)
        {
            return s;
        }
        var printable = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            printable[i] = args[i] ?? "<no value>";
        }
        return GoPrinter.Sprint(printable);
    }

    private static string HtmlEscape(string s)
    {
        if (!s.AsSpan().ContainsAny(HtmlSpecial))
        {
            return s;
        }
        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '\0' => "\uFFFD",
                '"' => "&#34;",
                '\'' => "&#39;",
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    private static string JsEscape(string s)
    {
        var sb = new StringBuilder(s.Length + 16);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '\\': sb.Append("\\\\"); continue;
                case '\'': sb.Append("\\'"); continue;
                case '"': sb.Append("\\\""); continue;
                case '<': sb.Append("\\u003C"); continue;
                case '>': sb.Append("\\u003E"); continue;
                case '&': sb.Append("\\u0026"); continue;
                case '=': sb.Append("\\u003D"); continue;
            }
            if (c < ' ')
            {
                sb.Append("\\u00").Append("0123456789ABCDEF"[c >> 4]).Append("0123456789ABCDEF"[c & 0xF]);
                continue;
            }
            if (c < 0x80)
            {
                sb.Append(c);
                continue;
            }
            var r = char.IsHighSurrogate(c) && i + 1 < s.Length ? char.ConvertToUtf32(c, s[++i]) : c;
            if (GoQuote.IsPrint(r))
            {
                sb.Append(char.ConvertFromUtf32(r));
            }
            else
            {
                sb.Append("\\u").Append(r.ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    /// <summary>url.QueryEscape.</summary>
    internal static string QueryEscape(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                sb.Append((char)b);
            }
            else if (b == ' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 0xF]);
            }
        }
        return sb.ToString();
    }
}
