namespace Gyre.Sources.Artifacts;

/// <summary>Bounds on what an untar may write, as Flux's fetcher bounds untar with a max size.</summary>
public sealed record ExtractionLimits
{
    /// <summary>Total uncompressed bytes of file content; default 100 MiB (Flux's --artifact-max-size... of consumers).</summary>
    public long MaxBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Number of entries; default 100 000.</summary>
    public int MaxEntries { get; init; } = 100_000;

    /// <summary>The defaults.</summary>
    public static ExtractionLimits Default { get; } = new();
}
