namespace Gyre.Kube.Dynamic;

/// <summary>The patch formats the API server accepts.</summary>
public enum PatchType
{
    /// <summary>RFC 6902 JSON patch (<c>application/json-patch+json</c>).</summary>
    Json,

    /// <summary>RFC 7386 JSON merge patch (<c>application/merge-patch+json</c>).</summary>
    Merge,

    /// <summary>Kubernetes strategic merge patch (<c>application/strategic-merge-patch+json</c>); built-in kinds only.</summary>
    StrategicMerge,

    /// <summary>Server-side apply (<c>application/apply-patch+yaml</c>); needs a field manager.</summary>
    Apply,
}

internal static class PatchTypeExtensions
{
    public static string ContentType(this PatchType type) => type switch
    {
        PatchType.Json => "application/json-patch+json",
        PatchType.Merge => "application/merge-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        PatchType.Apply => "application/apply-patch+yaml",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown patch type"),
    };
}
