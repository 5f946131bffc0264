namespace Gyre.Cel.Ast;

/// <summary>The comprehension macros of cel-spec.</summary>
internal enum MacroKind
{
    All,
    Exists,
    ExistsOne,
    Map,
    Filter,
}
