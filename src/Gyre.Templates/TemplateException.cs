namespace Gyre.Templates;

/// <summary>
/// A template failed to parse or execute. <see cref="Exception.Message"/> is Go's exact error text
/// (<c>template: file:line:col: executing "name" at &lt;node&gt;: why</c>); the location is also carried as data.
/// </summary>
public sealed class TemplateException : Exception
{
    private TemplateException(string message, bool isParseError, string? file, int? line, int? column, string? templateName, Exception? inner)
        : base(message, inner)
    {
        IsParseError = isParseError;
        File = file;
        Line = line;
        Column = column;
        TemplateName = templateName;
    }

    /// <summary>True for a parse error, false for an execution error.</summary>
    public bool IsParseError { get; }

    /// <summary>The file (top-level template) the failing node was parsed from.</summary>
    public string? File { get; }

    /// <summary>1-based line of the failure.</summary>
    public int? Line { get; }

    /// <summary>Byte column (Go's convention: bytes after the last newline), execution errors only.</summary>
    public int? Column { get; }

    /// <summary>The template being executed (execution errors).</summary>
    public string? TemplateName { get; }

    /// <summary>The underlying function error message for "error calling ..." failures, without Go's prefix.</summary>
    public string? FunctionError { get; private init; }

    internal static TemplateException Parse(string file, int line, string message) =>
        new(message, true, file, line, null, null, null);

    internal static TemplateException Exec(string message, string templateName, string? file, int? line, int? column, string? functionError = null) =>
        new(message, false, file, line, column, templateName, null) { FunctionError = functionError };

    internal static TemplateException Plain(string message) => new(message, false, null, null, null, null, null);
}
