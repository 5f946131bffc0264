using Gyre.Cel.Runtime;
using Gyre.Cel.Values;

namespace Gyre.Cel.Ast;

/// <summary>A map literal <c>{k: v}</c>: keys must be int, uint, bool or string and distinct.</summary>
internal sealed class MapExpr(int position, IReadOnlyList<(Expr Key, Expr Value)> entries) : Expr(position)
{
    public override IEnumerable<Expr> Children => entries.SelectMany(e => new[] { e.Key, e.Value });

    public override object Eval(EvalContext context)
    {
        context.Step(Position, 1 + entries.Count);
        var map = new CelMap();
        foreach (var (keyExpr, valueExpr) in entries)
        {
            var key = keyExpr.Eval(context);
            if (key is CelError)
            {
                return key;
            }

            var value = valueExpr.Eval(context);
            if (value is CelError)
            {
                return value;
            }

            if (!CelMap.IsValidKey(key))
            {
                return new CelError($"unsupported key type: {CelTypes.Of(key).Name}", keyExpr.Position);
            }

            if (!map.TryAdd(key, value))
            {
                return new CelError($"Failed with repeated key: {key}", keyExpr.Position);
            }
        }

        return map;
    }
}
