namespace Gyre.Templates.Parse;

/// <summary>A parse failure raised inside the parser; turned into a <see cref="TemplateException"/> with the line.</summary>
internal sealed class ParseError(string message) : Exception(message);
