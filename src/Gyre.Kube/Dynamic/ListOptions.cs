namespace Gyre.Kube.Dynamic;

/// <summary>Query options of a list (metav1.ListOptions).</summary>
public sealed record ListOptions
{
    /// <summary>A label selector, e.g. <c>app=web,tier!=db</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector, e.g. <c>metadata.name=web</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size; the server returns a continue token when more remain.</summary>
    public int? Limit { get; init; }

    /// <summary>The continue token of the previous page.</summary>
    public string? Continue { get; init; }

    /// <summary>List at or after this resourceVersion (<c>0</c> allows the watch cache).</summary>
    public string? ResourceVersion { get; init; }

    internal string ToQuery()
    {
        var q = new QueryBuilder();
        q.Add("labelSelector", LabelSelector);
        q.Add("fieldSelector", FieldSelector);
        q.Add("limit", Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        q.Add("continue", Continue);
        q.Add("resourceVersion", ResourceVersion);
        return q.ToString();
    }
}
