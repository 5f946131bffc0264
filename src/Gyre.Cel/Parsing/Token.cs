namespace Gyre.Cel.Parsing;

/// <summary>One token: its kind, its 0-based offset, and its decoded value (number, string, bytes, identifier).</summary>
internal readonly record struct Token(TokenKind Kind, int Position, object? Value, string Text);
