using Gyre.Cel.Runtime;

namespace Gyre.Cel.Ast;

/// <summary>
/// A parsed CEL expression node. <see cref="Eval"/> returns a CEL value or a <see cref="Values.CelError"/> (errors are
/// values in CEL); Position is the 0-based source offset used in error messages.
/// </summary>
internal abstract class Expr(int position)
{
    public int Position { get; } = position;

    public abstract object Eval(EvalContext context);

    /// <summary>Visits child nodes, for the declaration check.</summary>
    public abstract IEnumerable<Expr> Children { get; }
}
