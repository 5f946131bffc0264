namespace Gyre.Helm.Storage;

/// <summary>A file of a chart stored in a release (helm pkg/chart File): path relative to the chart root and bytes.</summary>
public sealed record ReleaseFile(string Name, byte[] Data);
