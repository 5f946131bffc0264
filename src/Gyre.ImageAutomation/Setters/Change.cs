namespace Gyre.ImageAutomation.Setters;

/// <summary>One field a setter rewrote (Flux's update.Change): the old and new scalar values and the marker's setter name.</summary>
public sealed record Change(string OldValue, string NewValue, string Setter);
