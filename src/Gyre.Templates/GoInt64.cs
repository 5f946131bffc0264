namespace Gyre.Templates;

/// <summary>
/// A Go <c>int64</c> value. Template data uses <see cref="long"/> for Go's <c>int</c> (the type of template integer
/// literals and of <c>len</c>); Sprig's arithmetic returns <c>int64</c>, which prints the same but differs in <c>%T</c>.
/// </summary>
public readonly record struct GoInt64(long Value);
