namespace Gyre.Templates.Execution;

/// <summary>Raised when rendering exceeds <see cref="TemplateOptions.MaxOutputChars"/>.</summary>
internal sealed class OutputLimitException(long limit)
    : Exception("output exceeds the limit of " + limit.ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters");
