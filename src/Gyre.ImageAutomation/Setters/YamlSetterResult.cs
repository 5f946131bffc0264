namespace Gyre.ImageAutomation.Setters;

/// <summary>The text after setters ran and the changes in document order.</summary>
public sealed record YamlSetterResult(string Text, IReadOnlyList<(ObjectIdentifier Object, Change Change)> Changes);
