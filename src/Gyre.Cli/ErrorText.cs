using System.Text;

namespace Gyre.Cli;

/// <summary>Turns an exception into the text a user sees: the message chain, and the trace only when asked.</summary>
internal static class ErrorText
{
    public static string Describe(Exception exception, bool verbose)
    {
        if (verbose)
        {
            return exception.ToString();
        }

        var text = new StringBuilder(exception.Message);
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!exception.Message.Contains(inner.Message, StringComparison.Ordinal))
            {
                text.Append(": ").Append(inner.Message);
            }
        }

        return text.ToString();
    }
}
