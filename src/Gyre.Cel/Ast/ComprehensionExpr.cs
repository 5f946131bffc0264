using Gyre.Cel.Runtime;
using Gyre.Cel.Values;

namespace Gyre.Cel.Ast;

/// <summary>
/// The macros <c>all</c>, <c>exists</c>, <c>exists_one</c>, <c>map</c> (with optional filter) and <c>filter</c> over a
/// list's elements or a map's keys. <c>all</c>/<c>exists</c> absorb errors the way <c>&amp;&amp;</c>/<c>||</c> do;
/// the others are strict.
/// </summary>
internal sealed class ComprehensionExpr(
    int position, MacroKind kind, Expr range, string variable, Expr? predicate, Expr? transform) : Expr(position)
{
    public MacroKind Kind { get; } = kind;

    public string Variable { get; } = variable;

    public Expr Range { get; } = range;

    public override IEnumerable<Expr> Children => new[] { predicate, transform }.OfType<Expr>();

    public override object Eval(EvalContext context)
    {
        context.Step(Position);
        var source = Range.Eval(context);
        IReadOnlyList<object> items;
        switch (source)
        {
            case CelError:
                return source;
            case IReadOnlyList<object> list:
                items = list;
                break;
            case CelMap map:
                items = map.Keys;
                break;
            default:
                return new CelError($"expression of type '{CelTypes.Of(source).Name}' cannot be the range of a comprehension (must be list or map)", Range.Position);
        }

        return Kind switch
        {
            MacroKind.All => Quantify(context, items, absorbing: false),
            MacroKind.Exists => Quantify(context, items, absorbing: true),
            MacroKind.ExistsOne => ExistsOne(context, items),
            _ => Collect(context, items),
        };
    }

    private object Quantify(EvalContext context, IReadOnlyList<object> items, bool absorbing)
    {
        CelError? error = null;
        foreach (var item in items)
        {
            var result = Apply(context, predicate!, item);
            if (result is bool b)
            {
                if (b == absorbing)
                {
                    return absorbing;
                }
            }
            else
            {
                error ??= result as CelError ?? new CelError($"no matching overload: predicate returned {CelTypes.Of(result).Name}", predicate!.Position);
            }
        }

        return error is null ? !absorbing : error;
    }

    private object ExistsOne(EvalContext context, IReadOnlyList<object> items)
    {
        var count = 0;
        foreach (var item in items)
        {
            var result = Apply(context, predicate!, item);
            if (result is not bool matched)
            {
                return result as CelError ?? new CelError($"no matching overload: predicate returned {CelTypes.Of(result).Name}", predicate!.Position);
            }

            count += matched ? 1 : 0;
        }

        return count == 1;
    }

    private object Collect(EvalContext context, IReadOnlyList<object> items)
    {
        var output = new List<object>();
        foreach (var item in items)
        {
            if (predicate is not null)
            {
                switch (Apply(context, predicate, item))
                {
                    case false:
                        continue;
                    case CelError error:
                        return error;
                    case not true and var other:
                        return new CelError($"no matching overload: filter returned {CelTypes.Of(other).Name}", predicate.Position);
                }
            }

            var value = transform is null ? item : Apply(context, transform, item);
            if (value is CelError)
            {
                return value;
            }

            output.Add(value);
        }

        return output.ToArray();
    }

    private object Apply(EvalContext context, Expr body, object item)
    {
        context.Step(Position);
        context.Push(Variable, item);
        try
        {
            return body.Eval(context);
        }
        finally
        {
            context.Pop();
        }
    }
}
