namespace Gyre.Sources.Artifacts;

/// <summary>Garbage-collection policy: Flux's --artifact-retention-records (default 2) and --artifact-retention-ttl (default 1m).</summary>
public sealed record ArtifactRetention(int Records, TimeSpan Ttl)
{
    public static ArtifactRetention Default { get; } = new(2, TimeSpan.FromMinutes(1));
}
