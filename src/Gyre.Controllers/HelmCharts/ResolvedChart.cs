namespace Gyre.Controllers.HelmCharts;

/// <summary>
/// A chart version chosen from a repository before anything is downloaded: the version, and where its package is
/// (the .tgz URL and index digest of an HTTP repository, or the tag of an OCI one).
/// </summary>
internal sealed record ResolvedChart(string Name, string Version, Uri? Url, string? Digest, string? Tag);
