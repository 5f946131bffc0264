using Gyre.Cel.Runtime;
using Gyre.Cel.Values;

namespace Gyre.Cel.Ast;

/// <summary>Indexing <c>a[i]</c> of a list (by an integral number) or a map (by key).</summary>
internal sealed class IndexExpr(int position, Expr operand, Expr index) : Expr(position)
{
    public override IEnumerable<Expr> Children => [operand, index];

    public override object Eval(EvalContext context)
    {
        context.Step(Position);
        var target = operand.Eval(context);
        if (target is CelError)
        {
            return target;
        }

        var key = index.Eval(context);
        if (key is CelError)
        {
            return key;
        }

        return (target, key) switch
        {
            (IReadOnlyList<object> list, long or ulong or double) => ListIndex(list, key),
            (CelMap map, _) when CelMap.IsValidKey(key) || key is double =>
                map.TryGet(key, out var value) ? value : new CelError($"no such key: {Text(key)}", Position),
            _ => new CelError($"no such overload: _[_]({CelTypes.Of(target).Name}, {CelTypes.Of(key).Name})", Position),
        };
    }

    private object ListIndex(IReadOnlyList<object> list, object key)
    {
        long i;
        switch (key)
        {
            case long l:
                i = l;
                break;
            case ulong u:
                i = u > long.MaxValue ? -1 : (long)u;
                break;
            case double d when Math.Floor(d) == d && Math.Abs(d) < 9e18:
                i = (long)d;
                break;
            default:
                return new CelError($"unsupported index value {Text(key)} in list", Position);
        }

        return i >= 0 && i < list.Count ? list[(int)i] : new CelError($"index out of range: {Text(key)}", Position);
    }

    private static string Text(object key) => Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
}
