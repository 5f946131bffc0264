namespace Gyre.Templates.Execution;

/// <summary>The reflect.Kind of a template value, as far as text/template's rules care.</summary>
internal enum GoKind
{
    Invalid,
    Bool,
    Int,
    Uint,
    Float,
    String,
    Map,
    Slice,
    Struct,
    Pointer,
    Func,
}
