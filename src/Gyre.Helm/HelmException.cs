namespace Gyre.Helm;

/// <summary>
/// The Helm engine failed: a chart did not load, values were invalid, or a template did not render. Location travels
/// as data (chart, template, line) so callers present it without parsing the message.
/// </summary>
public sealed class HelmException : Exception
{
    public HelmException(string message, string? chart = null, string? template = null, int line = 0, Exception? innerException = null)
        : base(message, innerException)
    {
        Chart = chart;
        Template = template;
        Line = line;
    }

    /// <summary>The chart (name or path) the failure belongs to, when known.</summary>
    public string? Chart { get; }

    /// <summary>The template path (e.g. "mychart/templates/deployment.yaml"), when the failure is in a template.</summary>
    public string? Template { get; }

    /// <summary>1-based line in <see cref="Template"/>, or 0 when unknown.</summary>
    public int Line { get; }
}
