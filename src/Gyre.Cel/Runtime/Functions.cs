using Gyre.Cel.Values;

namespace Gyre.Cel.Runtime;

/// <summary>
/// The standard function library (cel-spec langdef.md "Standard Definitions") plus the string and list extensions
/// Kubernetes enables. Dispatches on name, receiver and arity; a type mismatch is "no such overload".
/// </summary>
internal static class Functions
{
    public static object Invoke(string function, object? target, object[] args, EvalContext context, int position)
    {
        if (target is not null)
        {
            return Members.Invoke(function, target, args, context, position);
        }

        return (function, args.Length) switch
        {
            ("_+_", 2) => Concatenate(args[0], args[1], context, position),
            ("_-_", 2) => Arithmetic.Subtract(args[0], args[1]),
            ("_*_", 2) => Arithmetic.Multiply(args[0], args[1]),
            ("_/_", 2) => Arithmetic.Divide(args[0], args[1]),
            ("_%_", 2) => Arithmetic.Modulo(args[0], args[1]),
            ("-_", 1) => Arithmetic.Negate(args[0]),
            ("!_", 1) => args[0] is bool b ? !b : throw CelErrorException.NoOverload("!_", args[0]),
            ("_==_", 2) => CelEquality.ValueEquals(args[0], args[1]),
            ("_!=_", 2) => !CelEquality.ValueEquals(args[0], args[1]),
            ("_<_", 2) => Ordered(args, c => c < 0),
            ("_<=_", 2) => Ordered(args, c => c <= 0),
            ("_>_", 2) => Ordered(args, c => c > 0),
            ("_>=_", 2) => Ordered(args, c => c >= 0),
            ("@in", 2) => In(args[0], args[1]),
            ("size", 1) => Size(args[0]),
            ("matches", 2) when args is [string s, string pattern] => context.Regexes.Matches(s, pattern),
            ("dyn", 1) => args[0],
            ("type", 1) => CelTypes.Of(args[0]),
            ("int", 1) => Conversions.ToInt(args[0]),
            ("uint", 1) => Conversions.ToUint(args[0]),
            ("double", 1) => Conversions.ToDouble(args[0]),
            ("string", 1) => Conversions.ToCelString(args[0]),
            ("bytes", 1) => Conversions.ToBytes(args[0]),
            ("bool", 1) => Conversions.ToBool(args[0]),
            ("timestamp", 1) => Conversions.ToTimestamp(args[0]),
            ("duration", 1) => Conversions.ToDuration(args[0]),
            _ => throw CelErrorException.NoOverload(function, args),
        };
    }

    public static long Size(object value) => value switch
    {
        string s => CodePoints.Count(s),
        CelBytes b => b.Data.Length,
        IReadOnlyList<object> l => l.Count,
        CelMap m => m.Count,
        _ => throw CelErrorException.NoOverload("size", value),
    };

    // Concatenation costs in proportion to the result, so a doubling loop cannot build a huge value for free.
    private static object Concatenate(object a, object b, EvalContext context, int position)
    {
        context.Step(position, (a, b) switch
        {
            (string x, string y) => (x.Length + y.Length) / 64,
            (CelBytes x, CelBytes y) => (x.Data.Length + y.Data.Length) / 64,
            (IReadOnlyList<object> x, IReadOnlyList<object> y) => x.Count + y.Count,
            _ => 0,
        });
        return Arithmetic.Add(a, b);
    }

    private static bool Ordered(object[] args, Func<double, bool> test)
    {
        var comparison = CelEquality.Compare(args[0], args[1]);
        return !double.IsNaN(comparison) && test(comparison);
    }

    private static bool In(object element, object container)
    {
        switch (container)
        {
            case IReadOnlyList<object> list:
                foreach (var item in list)
                {
                    if (CelEquality.ValueEquals(element, item))
                    {
                        return true;
                    }
                }

                return false;
            case CelMap map:
                return map.TryGet(element, out _);
            default:
                throw CelErrorException.NoOverload("@in", element, container);
        }
    }
}
