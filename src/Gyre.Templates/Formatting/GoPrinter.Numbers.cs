using System.Globalization;
using System.Text;

namespace Gyre.Templates.Formatting;

/// <summary>Integer and float formatting with flags, width and precision (format.go fmtInteger/fmtFloat) and padding.</summary>
internal sealed partial class GoPrinter
{
    private void FmtIntegerVerb(long v, int verb, object arg, int depth)
    {
        switch (verb)
        {
            case 'v' or 'd':
                FmtInteger((ulong)v, 10, true, verb, "0123456789abcdefx");
                break;
            case 'b':
                FmtInteger((ulong)v, 2, true, verb, "0123456789abcdefx");
                break;
            case 'o' or 'O':
                FmtInteger((ulong)v, 8, true, verb, "0123456789abcdefx");
                break;
            case 'x':
                FmtInteger((ulong)v, 16, true, verb, "0123456789abcdefx");
                break;
            case 'X':
                FmtInteger((ulong)v, 16, true, verb, "0123456789ABCDEFX");
                break;
            case 'c':
                Pad(RuneString(v));
                break;
            case 'q':
                Pad(GoQuote.QuoteRune(v, _plus));
                break;
            case 'U':
                FmtUnicode(v);
                break;
            default:
                BadVerb(verb, arg, depth);
                break;
        }
    }

    private void FmtUnsignedVerb(ulong v, int verb, object arg, int depth)
    {
        switch (verb)
        {
            case 'v' or 'd':
                FmtInteger(v, 10, false, verb, "0123456789abcdefx");
                break;
            case 'x':
                FmtInteger(v, 16, false, verb, "0123456789abcdefx");
                break;
            case 'X':
                FmtInteger(v, 16, false, verb, "0123456789ABCDEFX");
                break;
            case 'o' or 'O':
                FmtInteger(v, 8, false, verb, "0123456789abcdefx");
                break;
            case 'b':
                FmtInteger(v, 2, false, verb, "0123456789abcdefx");
                break;
            default:
                BadVerb(verb, arg, depth);
                break;
        }
    }

    private static string RuneString(long v) =>
        v is < 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF) ? "\uFFFD" : char.ConvertFromUtf32((int)v);

    private void FmtUnicode(long u)
    {
        var sb = new StringBuilder("U+");
        var hex = ((ulong)u).ToString("X", CultureInfo.InvariantCulture);
        var prec = 4;
        if (_precPresent && _prec > 4)
        {
            prec = _prec;
        }
        sb.Append('0', Math.Max(0, prec - hex.Length)).Append(hex);
        if (_sharp && u is >= 0 and <= 0x10FFFF && GoQuote.IsPrint((int)u))
        {
            sb.Append(" '").Append(char.ConvertFromUtf32((int)u)).Append('\'');
        }
        var oldZero = _zero;
        _zero = false;
        Pad(sb.ToString());
        _zero = oldZero;
    }

    private void FmtInteger(ulong u, int @base, bool isSigned, int verb, string digits)
    {
        var negative = isSigned && (long)u < 0;
        if (negative)
        {
            u = (ulong)(-(long)u);
        }
        var prec = 0;
        if (_precPresent)
        {
            prec = _prec;
            if (prec == 0 && u == 0)
            {
                var oldZero = _zero;
                _zero = false;
                WritePadding(_wid);
                _zero = oldZero;
                return;
            }
        }
        else if (_zero && _widPresent)
        {
            prec = _wid;
            if (negative || _plus || _space)
            {
                prec--;
            }
        }
        var chars = new List<char>(24);
        do
        {
            chars.Add(digits[(int)(u % (ulong)@base)]);
            u /= (ulong)@base;
        }
        while (u > 0);
        while (prec > chars.Count)
        {
            chars.Add('0');
        }
        if (_sharp)
        {
            switch (@base)
            {
                case 2:
                    chars.Add('b');
                    chars.Add('0');
                    break;
                case 8:
                    if (chars[^1] != '0')
                    {
                        chars.Add('0');
                    }
                    break;
                case 16:
                    chars.Add(digits[16]);
                    chars.Add('0');
                    break;
            }
        }
        if (verb == 'O')
        {
            chars.Add('o');
            chars.Add('0');
        }
        if (negative)
        {
            chars.Add('-');
        }
        else if (_plus)
        {
            chars.Add('+');
        }
        else if (_space)
        {
            chars.Add(' ');
        }
        chars.Reverse();
        var z = _zero;
        _zero = false;
        Pad(new string(chars.ToArray()));
        _zero = z;
    }

    private void FmtFloatVerb(double v, int verb, object arg, int depth)
    {
        switch (verb)
        {
            case 'v':
                FmtFloat(v, 'g', -1);
                break;
            case 'g' or 'G' or 'x' or 'X' or 'b':
                FmtFloat(v, (char)verb, -1);
                break;
            case 'f' or 'e' or 'E' or 'F':
                FmtFloat(v, (char)verb, 6);
                break;
            default:
                BadVerb(verb, arg, depth);
                break;
        }
    }

    private void FmtFloat(double v, char verb, int prec)
    {
        if (_precPresent)
        {
            prec = _prec;
        }
        var num = GoFloat.Format(v, verb == 'F' ? 'f' : verb, prec);
        if (num[0] is not ('-' or '+'))
        {
            num = "+" + num;
        }
        if (_space && num[0] == '+' && !_plus)
        {
            num = " " + num[1..];
        }
        if (num[1] is 'I' or 'N')
        {
            var oldZero = _zero;
            _zero = false;
            if (num[1] == 'N' && !_space && !_plus)
            {
                num = num[1..];
            }
            Pad(num);
            _zero = oldZero;
            return;
        }
        if (_sharp && verb != 'b')
        {
            num = SharpFloat(num, verb, prec);
        }
        if (_plus || num[0] != '+')
        {
            if (_zero && _widPresent && _wid > num.Length)
            {
                _buf.Append(num[0]);
                WritePadding(_wid - num.Length);
                _buf.Append(num, 1, num.Length - 1);
                return;
            }
            Pad(num);
            return;
        }
        Pad(num[1..]);
    }

    // The '#' flag: keep a decimal point, and for %g keep trailing zeros up to the precision.
    private static string SharpFloat(string num, char verb, int prec)
    {
        var digits = 0;
        if (verb is 'v' or 'g' or 'G')
        {
            digits = prec;
            if (digits == -1)
            {
                digits = 6;
            }
        }
        var tailStart = num.IndexOfAny(['e', 'E']);
        var tail = tailStart >= 0 ? num[tailStart..] : "";
        var body = tailStart >= 0 ? num[..tailStart] : num;
        var sawNonzero = false;
        var hasDot = false;
        for (var i = 1; i < body.Length; i++)
        {
            switch (body[i])
            {
                case '.':
                    hasDot = true;
                    break;
                case '0':
                    if (sawNonzero)
                    {
                        digits--;
                    }
                    break;
                default:
                    sawNonzero = true;
                    digits--;
                    break;
            }
        }
        if (!hasDot)
        {
            if (body.Length == 2 && body[1] == '0')
            {
                digits--;
            }
            body += ".";
        }
        while (digits > 0)
        {
            body += "0";
            digits--;
        }
        return body + tail;
    }

    private void Pad(string s)
    {
        if (!_widPresent || _wid == 0)
        {
            _buf.Append(s);
            return;
        }
        var width = _wid - RuneCount(s);
        if (!_minus)
        {
            WritePadding(width);
            _buf.Append(s);
        }
        else
        {
            _buf.Append(s);
            WritePadding(width);
        }
    }

    private void WritePadding(int n)
    {
        if (n > 0)
        {
            _buf.Append(_zero ? '0' : ' ', n);
        }
    }

    private static int RuneCount(string s)
    {
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsLowSurrogate(s[i]))
            {
                n++;
            }
        }
        return n;
    }
}
