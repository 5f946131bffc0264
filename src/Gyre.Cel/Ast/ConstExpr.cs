using Gyre.Cel.Runtime;

namespace Gyre.Cel.Ast;

/// <summary>A literal value.</summary>
internal sealed class ConstExpr(int position, object value) : Expr(position)
{
    public object Value { get; } = value;

    public override IEnumerable<Expr> Children => [];

    public override object Eval(EvalContext context) => Value;
}
