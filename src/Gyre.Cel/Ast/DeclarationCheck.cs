namespace Gyre.Cel.Ast;

/// <summary>
/// The part of cel-go's type check that matters without types: every identifier must be a declared variable, a
/// comprehension variable in scope, or a type name; otherwise compiling fails ("undeclared reference") before the
/// expression ever runs, as Flux reports InvalidCELExpression for it.
/// </summary>
internal static class DeclarationCheck
{
    public static (string Name, int Position)? FindUndeclared(Expr expr, IReadOnlySet<string> declared) =>
        Find(expr, declared, []);

    private static (string Name, int Position)? Find(Expr expr, IReadOnlySet<string> declared, List<string> scope)
    {
        switch (expr)
        {
            case IdentExpr ident:
                return declared.Contains(ident.Name) || scope.Contains(ident.Name) || Values.CelType.FromIdentifier(ident.Name) is not null
                    ? null
                    : (ident.Name, ident.Position);
            case SelectExpr { TestOnly: false } select when QualifiedType(select):
                return null;
            case ComprehensionExpr comprehension:
                if (Find(comprehension.Range, declared, scope) is { } inRange)
                {
                    return inRange;
                }

                scope.Add(comprehension.Variable);
                try
                {
                    return FirstOf(comprehension.Children, declared, scope);
                }
                finally
                {
                    scope.RemoveAt(scope.Count - 1);
                }

            default:
                return FirstOf(expr.Children, declared, scope);
        }
    }

    private static (string Name, int Position)? FirstOf(IEnumerable<Expr> children, IReadOnlySet<string> declared, List<string> scope)
    {
        foreach (var child in children)
        {
            if (Find(child, declared, scope) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static bool QualifiedType(SelectExpr select) =>
        select.Operand is SelectExpr { Operand: IdentExpr { Name: "google" }, Field: "protobuf" } && select.Field is "Timestamp" or "Duration";
}
