using System.Globalization;
using System.Text;
using Gyre.Templates.Execution;

namespace Gyre.Templates.Formatting;

/// <summary>
/// Go's fmt package (print.go/format.go) for the template data model: Sprint, Sprintln, Sprintf with verbs, flags,
/// width and precision, bad-verb and missing/extra argument reports, and composite values printed with sorted map keys.
/// </summary>
internal sealed partial class GoPrinter
{
    private readonly StringBuilder _buf;
    private bool _plus;
    private bool _minus;
    private bool _sharp;
    private bool _space;
    private bool _zero;
    private bool _plusV;
    private bool _sharpV;
    private bool _widPresent;
    private bool _precPresent;
    private int _wid;
    private int _prec;

    private GoPrinter(StringBuilder buf) => _buf = buf;

    public static string Sprint(IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        AppendSprint(sb, args);
        return sb.ToString();
    }

    public static void AppendSprint(StringBuilder sb, IReadOnlyList<object?> args)
    {
        var p = new GoPrinter(sb);
        var prevString = false;
        for (var i = 0; i < args.Count; i++)
        {
            var isString = args[i] is string;
            if (i > 0 && !isString && !prevString)
            {
                sb.Append(' ');
            }
            p.ClearFlags();
            p.PrintArg(args[i], 'v', 0);
            prevString = isString;
        }
    }

    /// <summary>fmt.Fprint of a single value (what {{ . }} writes).</summary>
    public static void AppendValue(StringBuilder sb, object? value)
    {
        if (value is string s)
        {
            sb.Append(s);
            return;
        }
        new GoPrinter(sb).PrintArg(value, 'v', 0);
    }

    public static string Sprintln(IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        var p = new GoPrinter(sb);
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }
            p.ClearFlags();
            p.PrintArg(args[i], 'v', 0);
        }
        sb.Append('\n');
        return sb.ToString();
    }

    public static string Sprintf(string format, IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder(format.Length + 16);
        new GoPrinter(sb).DoPrintf(format, args);
        return sb.ToString();
    }

    private void ClearFlags()
    {
        _plus = _minus = _sharp = _space = _zero = _plusV = _sharpV = _widPresent = _precPresent = false;
        _wid = _prec = 0;
    }

    private void DoPrintf(string format, IReadOnlyList<object?> a)
    {
        var end = format.Length;
        var argNum = 0;
        var afterIndex = false;
        var reordered = false;
        var i = 0;
        while (i < end)
        {
            var lasti = i;
            while (i < end && format[i] != '%')
            {
                i++;
            }
            if (i > lasti)
            {
                _buf.Append(format, lasti, i - lasti);
            }
            if (i >= end)
            {
                break;
            }
            i++;
            ClearFlags();
            for (; i < end; i++)
            {
                var c = format[i];
                if (c == '#')
                {
                    _sharp = true;
                }
                else if (c == '0')
                {
                    _zero = !_minus;
                }
                else if (c == '+')
                {
                    _plus = true;
                }
                else if (c == '-')
                {
                    _minus = true;
                    _zero = false;
                }
                else if (c == ' ')
                {
                    _space = true;
                }
                else
                {
                    break;
                }
            }
            (argNum, i, afterIndex) = ArgNumber(argNum, format, i, a.Count, ref reordered);
            if (i < end && format[i] == '*')
            {
                i++;
                (_wid, _widPresent, argNum) = IntFromArg(a, argNum);
                if (!_widPresent)
                {
                    _buf.Append("%!(BADWIDTH)");
                }
                if (_wid < 0)
                {
                    _wid = -_wid;
                    _minus = true;
                    _zero = false;
                }
                afterIndex = false;
            }
            else
            {
                (_wid, _widPresent, i) = ParseNum(format, i, end);
                if (afterIndex && _widPresent)
                {
                    _buf.Append("%!(BADWIDTH)"); // Go reports "%!(BADWIDTH)" only via goodArgNum; keep simple.
                }
            }
            if (i + 1 <= end && i < end && format[i] == '.')
            {
                i++;
                if (afterIndex)
                {
                    _buf.Append("%!(BADPREC)");
                }
                (argNum, i, afterIndex) = ArgNumber(argNum, format, i, a.Count, ref reordered);
                if (i < end && format[i] == '*')
                {
                    i++;
                    (_prec, _precPresent, argNum) = IntFromArg(a, argNum);
                    if (_prec < 0)
                    {
                        _prec = 0;
                        _precPresent = false;
                    }
                    if (!_precPresent)
                    {
                        _buf.Append("%!(BADPREC)");
                    }
                    afterIndex = false;
                }
                else
                {
                    (_prec, _precPresent, i) = ParseNum(format, i, end);
                    if (!_precPresent)
                    {
                        _prec = 0;
                        _precPresent = true;
                    }
                }
            }
            if (!afterIndex)
            {
                (argNum, i, afterIndex) = ArgNumber(argNum, format, i, a.Count, ref reordered);
            }
            if (i >= end)
            {
                _buf.Append("%!(NOVERB)");
                break;
            }
            var verb = (int)format[i];
            var size = 1;
            if (char.IsHighSurrogate(format[i]) && i + 1 < end)
            {
                verb = char.ConvertToUtf32(format[i], format[i + 1]);
                size = 2;
            }
            i += size;
            if (verb == '%')
            {
                _buf.Append('%');
                continue;
            }
            if (!_goodArgNum)
            {
                BadArgNum(verb);
                continue;
            }
            if (argNum >= a.Count)
            {
                MissingArg(verb);
                continue;
            }
            if (verb == 'v')
            {
                if (_sharp)
                {
                    _sharp = false;
                    _sharpV = true;
                }
                if (_plus)
                {
                    _plus = false;
                    _plusV = true;
                }
            }
            PrintArg(a[argNum], verb, 0);
            argNum++;
        }
        if (!reordered && argNum < a.Count)
        {
            ClearFlags();
            _buf.Append("%!(EXTRA ");
            for (var k = argNum; k < a.Count; k++)
            {
                if (k > argNum)
                {
                    _buf.Append(", ");
                }
                if (a[k] == null)
                {
                    _buf.Append("<nil>");
                }
                else
                {
                    _buf.Append(GoTypes.TypeName(a[k])).Append('=');
                    PrintArg(a[k], 'v', 0);
                }
            }
            _buf.Append(')');
        }
    }

    private bool _goodArgNum = true;

    private (int ArgNum, int I, bool Found) ArgNumber(int argNum, string format, int i, int numArgs, ref bool reordered)
    {
        _goodArgNum = true;
        if (i >= format.Length || format[i] != '[')
        {
            return (argNum, i, false);
        }
        reordered = true;
        for (var k = i + 1; k < format.Length; k++)
        {
            if (format[k] == ']')
            {
                var (width, ok, newi) = ParseNum(format, i + 1, k);
                if (!ok || newi != k)
                {
                    _goodArgNum = false;
                    return (argNum, k + 1, true);
                }
                var index = width - 1;
                if (index >= 0 && index < numArgs)
                {
                    return (index, k + 1, true);
                }
                _goodArgNum = false;
                return (argNum, k + 1, true);
            }
        }
        _goodArgNum = false;
        return (argNum, i + 1, false);
    }

    private static (int Num, bool IsNum, int NewI) ParseNum(string s, int start, int end)
    {
        if (start >= end)
        {
            return (0, false, end);
        }
        var num = 0;
        var isNum = false;
        var i = start;
        for (; i < end && s[i] >= '0' && s[i] <= '9'; i++)
        {
            if (num > 1_000_000)
            {
                return (0, false, end);
            }
            num = (num * 10) + (s[i] - '0');
            isNum = true;
        }
        return (num, isNum, i);
    }

    private static (int Num, bool IsInt, int NewArgNum) IntFromArg(IReadOnlyList<object?> a, int argNum)
    {
        if (argNum >= a.Count)
        {
            return (0, false, argNum);
        }
        var arg = a[argNum];
        if (GoTypes.IsInt(arg))
        {
            var n = GoTypes.AsLong(arg);
            if (n is > 1_000_000 or < -1_000_000)
            {
                return (0, false, argNum + 1);
            }
            return ((int)n, true, argNum + 1);
        }
        return (0, false, argNum + 1);
    }

    private void BadArgNum(int verb)
    {
        _buf.Append("%!");
        AppendRune(verb);
        _buf.Append("(BADINDEX)");
    }

    private void MissingArg(int verb)
    {
        _buf.Append("%!");
        AppendRune(verb);
        _buf.Append("(MISSING)");
    }

    private void AppendRune(int r)
    {
        if (r > 0xFFFF)
        {
            _buf.Append(char.ConvertFromUtf32(r));
        }
        else
        {
            _buf.Append((char)r);
        }
    }

    internal static string Invariant(long v) => v.ToString(CultureInfo.InvariantCulture);
}
