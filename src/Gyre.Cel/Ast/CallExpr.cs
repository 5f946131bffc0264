using System.Text.RegularExpressions;
using Gyre.Cel.Runtime;
using Gyre.Cel.Values;

namespace Gyre.Cel.Ast;

/// <summary>
/// A function call <c>f(a)</c>, receiver call <c>x.f(a)</c> or operator (named as cel-spec does: <c>_+_</c>,
/// <c>!_</c>, <c>@in</c>...). Strict: the first argument error is the result.
/// </summary>
internal sealed class CallExpr(int position, string function, Expr? target, IReadOnlyList<Expr> args) : Expr(position)
{
    public string Function { get; } = function;

    public Expr? Target { get; } = target;

    public IReadOnlyList<Expr> Args { get; } = args;

    public override IEnumerable<Expr> Children => Target is null ? Args : [Target, .. Args];

    public override object Eval(EvalContext context)
    {
        context.Step(Position);
        object? receiver = null;
        if (Target is not null)
        {
            receiver = Target.Eval(context);
            if (receiver is CelError)
            {
                return receiver;
            }
        }

        var values = new object[Args.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Args[i].Eval(context);
            if (values[i] is CelError)
            {
                return values[i];
            }
        }

        try
        {
            return Functions.Invoke(Function, receiver, values, context, Position);
        }
        catch (CelErrorException e)
        {
            return new CelError(e.Message, Position);
        }
        catch (RegexMatchTimeoutException)
        {
            return new CelError("regular expression match timed out", Position);
        }
    }
}
