using Gyre.Cel.Runtime;
using Gyre.Cel.Values;

namespace Gyre.Cel.Ast;

/// <summary>
/// Field selection <c>a.f</c> on a map; with TestOnly it is the <c>has(a.f)</c> macro, which reports presence instead
/// of failing with "no such key".
/// </summary>
internal sealed class SelectExpr(int position, Expr operand, string field, bool testOnly) : Expr(position)
{
    public Expr Operand { get; } = operand;

    public string Field { get; } = field;

    public bool TestOnly { get; } = testOnly;

    public override IEnumerable<Expr> Children => [Operand];

    private string? QualifiedName() => Operand switch
    {
        IdentExpr ident => $"{ident.Name}.{Field}",
        SelectExpr { TestOnly: false } select when select.QualifiedName() is { } prefix => $"{prefix}.{Field}",
        _ => null,
    };

    public override object Eval(EvalContext context)
    {
        context.Step(Position);
        if (!TestOnly && QualifiedName() is { } qualified && CelType.FromIdentifier(qualified) is { } type)
        {
            return type; // google.protobuf.Timestamp and google.protobuf.Duration are dotted type names
        }

        var target = Operand.Eval(context);
        return target switch
        {
            CelError => target,
            CelMap map when TestOnly => map.TryGet(Field, out _),
            CelMap map => map.TryGet(Field, out var value) ? value : new CelError($"no such key: {Field}", Position),
            _ => new CelError($"type '{CelTypes.Of(target).Name}' does not support field selection", Position),
        };
    }
}
