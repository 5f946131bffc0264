using Gyre.Cel.Values;

namespace Gyre.Cel.Runtime;

/// <summary>Receiver-style functions <c>x.f(...)</c>: the standard string and time accessors plus extensions.</summary>
internal static class Members
{
    public static object Invoke(string function, object target, object[] args, EvalContext context, int position)
    {
        context.Step(position, Cost(target));
        return target switch
        {
            string s => StringFunctions.Invoke(function, s, args, context.Regexes),
            IReadOnlyList<object> list => ListFunctions.Invoke(function, list, args),
            DateTimeOffset t => TimeFunctions.Timestamp(function, t, args),
            TimeSpan d => TimeFunctions.Duration(function, d, args),
            CelMap map when function == "size" && args.Length == 0 => (long)map.Count,
            CelBytes bytes when function == "size" && args.Length == 0 => (long)bytes.Data.Length,
            _ => throw CelErrorException.NoOverload(function, [target, .. args]),
        };
    }

    // Functions that scan their receiver cost in proportion to its size (cel-go's cost model does the same).
    private static long Cost(object target) => target switch
    {
        string s => s.Length / 64,
        IReadOnlyList<object> list => list.Count,
        _ => 0,
    };
}
