namespace Gyre.Helm.Rendering;

/// <summary>A hook document split out of the rendered templates by its helm.sh/hook annotation (Helm's release.Hook).</summary>
public sealed record RenderedHook
{
    /// <summary>The template path ("mychart/templates/job.yaml").</summary>
    public required string Path { get; init; }

    public required string Kind { get; init; }

    public required string Name { get; init; }

    /// <summary>Events in annotation order, lower-case ("pre-install", "post-upgrade", "test").</summary>
    public required IReadOnlyList<string> Events { get; init; }

    /// <summary>helm.sh/hook-weight; 0 when absent or not an integer.</summary>
    public int Weight { get; init; }

    /// <summary>helm.sh/hook-delete-policy entries ("before-hook-creation", "hook-succeeded", "hook-failed").</summary>
    public IReadOnlyList<string> DeletePolicies { get; init; } = [];

    /// <summary>The YAML document as rendered (trimmed).</summary>
    public required string Manifest { get; init; }
}
