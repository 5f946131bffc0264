namespace Gyre.Cel.Values;

/// <summary>
/// Thrown by the built-in functions for a runtime error; the calling node turns it into a <see cref="CelError"/> value
/// with its own position, so functions need not know where they were called from.
/// </summary>
internal sealed class CelErrorException(string message) : Exception(message)
{
    public static CelErrorException NoOverload(string function, params object[] args) =>
        new($"no such overload: {function}({string.Join(", ", args.Select(a => CelTypes.Of(a).Name))})");
}
