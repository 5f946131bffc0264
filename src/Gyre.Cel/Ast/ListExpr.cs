using Gyre.Cel.Runtime;
using Gyre.Cel.Values;

namespace Gyre.Cel.Ast;

/// <summary>A list literal <c>[a, b]</c>; the first element error is the result.</summary>
internal sealed class ListExpr(int position, IReadOnlyList<Expr> elements) : Expr(position)
{
    public override IEnumerable<Expr> Children => elements;

    public override object Eval(EvalContext context)
    {
        context.Step(Position, 1 + elements.Count);
        var values = new object[elements.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = elements[i].Eval(context);
            if (values[i] is CelError)
            {
                return values[i];
            }
        }

        return values;
    }
}
