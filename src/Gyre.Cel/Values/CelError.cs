namespace Gyre.Cel.Values;

/// <summary>
/// An error as a value (cel-spec "Errors"): it flows through the expression until a logical operator absorbs it or it
/// becomes the result. Position is the 0-based offset of the construct that produced it.
/// </summary>
internal sealed record CelError(string Message, int Position);
