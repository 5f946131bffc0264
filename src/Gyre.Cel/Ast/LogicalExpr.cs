using Gyre.Cel.Runtime;
using Gyre.Cel.Values;

namespace Gyre.Cel.Ast;

/// <summary>
/// <c>&amp;&amp;</c> and <c>||</c> with cel-spec's commutative error absorption: <c>false &amp;&amp; error</c> and
/// <c>error &amp;&amp; false</c> are both false (and dually for <c>||</c> with true); otherwise an error wins.
/// </summary>
internal sealed class LogicalExpr(int position, bool isAnd, Expr left, Expr right) : Expr(position)
{
    public override IEnumerable<Expr> Children => [left, right];

    public override object Eval(EvalContext context)
    {
        context.Step(Position);
        var absorbing = !isAnd;
        var a = left.Eval(context);
        if (a is bool ab && ab == absorbing)
        {
            return absorbing;
        }

        var b = right.Eval(context);
        if (b is bool bb && bb == absorbing)
        {
            return absorbing;
        }

        if (a is CelError)
        {
            return a;
        }

        if (b is CelError)
        {
            return b;
        }

        if (a is not bool || b is not bool)
        {
            var op = isAnd ? "_&&_" : "_||_";
            return new CelError($"no such overload: {op}({CelTypes.Of(a).Name}, {CelTypes.Of(b).Name})", Position);
        }

        return !absorbing;
    }
}
