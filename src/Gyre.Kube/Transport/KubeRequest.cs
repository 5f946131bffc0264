namespace Gyre.Kube.Transport;

/// <summary>One HTTP request to the API server, rebuilt for every attempt.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path and query, relative to the server URL (e.g. <c>/api/v1/namespaces/x/pods?limit=500</c>).</param>
/// <param name="Target">What the request is about, for errors.</param>
internal sealed record KubeRequest(HttpMethod Method, string Path, KubeRequestTarget Target)
{
    /// <summary>The body, if any.</summary>
    public byte[]? Body { get; init; }

    /// <summary>The body's media type.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>True for a watch: no per-request timeout once headers arrive, the caller reads the stream.</summary>
    public bool Streaming { get; init; }

    /// <summary>
    /// Whether repeating the request cannot change the outcome: GET, PUT (guarded by resourceVersion), DELETE and
    /// server-side apply are; POST and other patches are not.
    /// </summary>
    public bool IsIdempotent =>
        Method == HttpMethod.Get || Method == HttpMethod.Head || Method == HttpMethod.Put || Method == HttpMethod.Delete
        || (Method == HttpMethod.Patch && ContentType == "application/apply-patch+yaml");
}
