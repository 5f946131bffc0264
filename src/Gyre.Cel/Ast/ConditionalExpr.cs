using Gyre.Cel.Runtime;
using Gyre.Cel.Values;

namespace Gyre.Cel.Ast;

/// <summary><c>c ? a : b</c>: only the chosen branch is evaluated; a non-bool condition is an error.</summary>
internal sealed class ConditionalExpr(int position, Expr condition, Expr whenTrue, Expr whenFalse) : Expr(position)
{
    public override IEnumerable<Expr> Children => [condition, whenTrue, whenFalse];

    public override object Eval(EvalContext context)
    {
        context.Step(Position);
        return condition.Eval(context) switch
        {
            true => whenTrue.Eval(context),
            false => whenFalse.Eval(context),
            CelError error => error,
            var other => new CelError($"no such overload: _?_:_({CelTypes.Of(other).Name}, ...)", Position),
        };
    }
}
