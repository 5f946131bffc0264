using Gyre.Cel.Runtime;
using Gyre.Cel.Values;

namespace Gyre.Cel.Ast;

/// <summary>A variable, comprehension variable or type name.</summary>
internal sealed class IdentExpr(int position, string name) : Expr(position)
{
    public string Name { get; } = name;

    public override IEnumerable<Expr> Children => [];

    public override object Eval(EvalContext context)
    {
        context.Step(Position);
        return context.TryResolve(Name, out var value)
            ? value
            : new CelError($"undeclared reference to '{Name}'", Position);
    }
}
