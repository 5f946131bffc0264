using Gyre.Templates.Execution;
using Gyre.Templates.Formatting;

namespace Gyre.Templates.Functions;

/// <summary>eq and lt with Go's basic-kind rules (funcs.go): ints and floats never compare with each other.</summary>
internal static class Comparison
{
    private enum BasicKind
    {
        Invalid,
        Bool,
        Int,
        Float,
        String,
        Uint,
    }

    private static object? Indirect(object? v) => v is NoValue ? null : v;

    private static BasicKind Kind(object? v) => v switch
    {
        bool => BasicKind.Bool,
        long or int or GoInt64 => BasicKind.Int,
        ulong => BasicKind.Uint,
        double => BasicKind.Float,
        string => BasicKind.String,
        _ => BasicKind.Invalid,
    };

    public static bool Eq(object? arg1, object?[] arg2)
    {
        arg1 = Indirect(arg1);
        if (arg2.Length == 0)
        {
            throw new TemplateFunctionException("missing argument for comparison");
        }
        var k1 = Kind(arg1);
        foreach (var raw in arg2)
        {
            var arg = Indirect(raw);
            var k2 = Kind(arg);
            bool truth;
            if (k1 != k2)
            {
                if (k1 == BasicKind.Int && k2 == BasicKind.Uint)
                {
                    truth = GoTypes.AsLong(arg1) >= 0 && (ulong)GoTypes.AsLong(arg1) == (ulong)arg!;
                }
                else if (k1 == BasicKind.Uint && k2 == BasicKind.Int)
                {
                    truth = GoTypes.AsLong(arg) >= 0 && (ulong)arg1! == (ulong)GoTypes.AsLong(arg);
                }
                else
                {
                    if (arg1 != null && arg != null)
                    {
                        throw new TemplateFunctionException("incompatible types for comparison");
                    }
                    truth = false;
                }
            }
            else
            {
                truth = k1 switch
                {
                    BasicKind.Bool => (bool)arg1! == (bool)arg!,
                    BasicKind.Float => (double)arg1! == (double)arg!,
                    BasicKind.Int => GoTypes.AsLong(arg1) == GoTypes.AsLong(arg),
                    BasicKind.String => string.Equals((string)arg1!, (string)arg!, StringComparison.Ordinal),
                    BasicKind.Uint => (ulong)arg1! == (ulong)arg!,
                    _ => EqOther(arg1, arg),
                };
            }
            if (truth)
            {
                return true;
            }
        }
        return false;
    }

    private static bool EqOther(object? arg1, object? arg)
    {
        if (arg1 != null && arg != null && GoTypes.Kind(arg1) != GoTypes.Kind(arg))
        {
            throw new TemplateFunctionException("non-comparable types " + GoPrinter.Sprintf("%s", [arg1]) + ": " +
                GoTypes.TypeName(arg1) + ", " + GoTypes.TypeName(arg) + ": " + GoPrinter.Sprintf("%v", [arg]));
        }
        if (arg1 == null || arg == null)
        {
            return (arg1 == null) == (arg == null);
        }
        if (GoTypes.Kind(arg) is GoKind.Map or GoKind.Slice or GoKind.Func)
        {
            throw new TemplateFunctionException("non-comparable type " + GoPrinter.Sprintf("%s", [arg]) + ": " + GoTypes.TypeName(arg));
        }
        return arg1.Equals(arg);
    }

    public static bool Lt(object? arg1, object? arg2)
    {
        arg1 = Indirect(arg1);
        var k1 = Kind(arg1);
        if (k1 == BasicKind.Invalid)
        {
            throw new TemplateFunctionException("invalid type for comparison");
        }
        arg2 = Indirect(arg2);
        var k2 = Kind(arg2);
        if (k2 == BasicKind.Invalid)
        {
            throw new TemplateFunctionException("invalid type for comparison");
        }
        if (k1 != k2)
        {
            if (k1 == BasicKind.Int && k2 == BasicKind.Uint)
            {
                return GoTypes.AsLong(arg1) < 0 || (ulong)GoTypes.AsLong(arg1) < (ulong)arg2!;
            }
            if (k1 == BasicKind.Uint && k2 == BasicKind.Int)
            {
                return GoTypes.AsLong(arg2) >= 0 && (ulong)arg1! < (ulong)GoTypes.AsLong(arg2);
            }
            throw new TemplateFunctionException("incompatible types for comparison");
        }
        return k1 switch
        {
            BasicKind.Bool => throw new TemplateFunctionException("invalid type for comparison"),
            BasicKind.Float => (double)arg1! < (double)arg2!,
            BasicKind.Int => GoTypes.AsLong(arg1) < GoTypes.AsLong(arg2),
            BasicKind.String => string.CompareOrdinal((string)arg1!, (string)arg2!) < 0,
            _ => (ulong)arg1! < (ulong)arg2!,
        };
    }
}
