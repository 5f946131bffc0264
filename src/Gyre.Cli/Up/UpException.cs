namespace Gyre.Cli.Up;

/// <summary>`gyre up` cannot start: the message says what is wrong and what to do.</summary>
internal sealed class UpException(string message) : Exception(message);
