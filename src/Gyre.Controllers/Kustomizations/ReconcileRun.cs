namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// What one Kustomization reconcile has learned so far, for status.history and the in-flight conditions: when it
/// started, the source revision (and origin revision) it works on, and the digest of the built manifests once built.
/// </summary>
internal sealed class ReconcileRun(DateTimeOffset started)
{
    public DateTimeOffset Started { get; } = started;

    public string Revision { get; set; } = string.Empty;

    public string? OriginRevision { get; set; }

    /// <summary>sha256 of the built, substituted manifests; null until the build succeeded.</summary>
    public string? Digest { get; set; }
}
