namespace Gyre.Templates.Functions;

/// <summary>
/// Thrown by a template function to fail the call; the executor reports it as Go does:
/// <c>error calling NAME: MESSAGE</c> at the calling node.
/// </summary>
public sealed class TemplateFunctionException(string message) : Exception(message);
