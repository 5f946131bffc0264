namespace Gyre.PostBuild;

/// <summary>A parsed piece of an envsubst template: literal text, or a ${...} expression.</summary>
internal abstract record EnvsubstNode;

/// <summary>Literal text, escapes already removed.</summary>
internal sealed record EnvsubstText(string Value) : EnvsubstNode;

/// <summary>
/// A ${...} expression: the variable, the operator as written ("" for plain ${var}, "#", ":-", "//"...), and the
/// operator's arguments, each a text or a nested expression (as in ${a:=prefix-${b}}).
/// </summary>
internal sealed record EnvsubstExpression(string Variable, string Operator, IReadOnlyList<EnvsubstNode> Arguments) : EnvsubstNode;
