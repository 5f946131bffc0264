namespace Gyre.Api.Helm;

/// <summary>spec.test.filters[]: a test hook by name, run only (exclude false) or skipped (exclude true).</summary>
public sealed record TestFilter(string Name, bool Exclude);
