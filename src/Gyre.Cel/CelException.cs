namespace Gyre.Cel;

/// <summary>
/// The one exception of the CEL engine: a parse, check or evaluation failure of an expression, carrying the expression
/// text and the 1-based column as data so callers can build their own condition messages.
/// </summary>
public sealed class CelException : Exception
{
    public CelException(string expression, int column, string reason, Exception? innerException = null)
        : base(Compose(expression, column, reason), innerException)
    {
        Expression = expression;
        Column = column;
        Reason = reason;
    }

    /// <summary>The CEL source text that failed.</summary>
    public string Expression { get; }

    /// <summary>1-based column (in characters) of the construct that failed; 0 when the whole expression is meant.</summary>
    public int Column { get; }

    /// <summary>Why it failed, without the location prefix.</summary>
    public string Reason { get; }

    private static string Compose(string expression, int column, string reason) =>
        column > 0
            ? $"CEL expression '{expression}': column {column}: {reason}"
            : $"CEL expression '{expression}': {reason}";
}
