namespace Gyre.Kube.Informers;

/// <summary>What an informer watches and how often it resyncs.</summary>
public sealed record InformerOptions
{
    /// <summary>The namespace to watch, or null for all namespaces.</summary>
    public string? Namespace { get; init; }

    /// <summary>A label selector.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>How often every cached object is re-delivered as an update; zero disables resync (the default).</summary>
    public TimeSpan ResyncPeriod { get; init; }

    /// <summary>The list page size. The default is 500, as client-go's pager.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>
    /// Cache only apiVersion, kind and metadata (controller-runtime's OnlyMetadata): for handlers that need to know
    /// that an object changed, not what it holds; keeps Secret data out of memory.
    /// </summary>
    public bool MetadataOnly { get; init; }

    /// <summary>Drop metadata.managedFields before caching (client-go's TransformStripManagedFields): no reader uses them and they are often the bulk of an object.</summary>
    public bool StripManagedFields { get; init; }

    /// <summary>How long each watch request may last before the client reconnects. The default is 5 minutes.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
