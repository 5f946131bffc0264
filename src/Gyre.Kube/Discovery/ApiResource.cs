namespace Gyre.Kube.Discovery;

/// <summary>
/// One REST resource as discovery describes it: group/version/kind ⇄ plural resource, and its scope.
/// </summary>
/// <param name="Group">The API group; empty for the core group.</param>
/// <param name="Version">The version, e.g. <c>v1</c>.</param>
/// <param name="Resource">The plural resource name used in URLs, e.g. <c>deployments</c>.</param>
/// <param name="Kind">The kind, e.g. <c>Deployment</c>.</param>
/// <param name="Namespaced">True for namespaced resources, false for cluster-scoped ones.</param>
public sealed record ApiResource(string Group, string Version, string Resource, string Kind, bool Namespaced)
{
    /// <summary>The verbs the server supports for this resource.</summary>
    public IReadOnlyList<string> Verbs { get; init; } = [];

    /// <summary>The subresources the server serves (e.g. <c>status</c>, <c>scale</c>).</summary>
    public IReadOnlyList<string> Subresources { get; init; } = [];

    /// <summary><c>v1</c> or <c>apps/v1</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The group/version/kind this resource serves.</summary>
    public Gyre.Manifests.GroupVersionKind GroupVersionKind => new(Group, Version, Kind);

    /// <summary><c>deployments.apps</c>, or <c>pods</c> for the core group: the name kubectl and RBAC use.</summary>
    public string QualifiedResource => Group.Length == 0 ? Resource : $"{Resource}.{Group}";

    /// <summary>The collection path, for one namespace or across all of them when <paramref name="ns"/> is null.</summary>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return Namespaced && ns is not null ? $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Resource}" : $"{root}/{Resource}";
    }

    /// <summary>The path of one object, optionally of one of its subresources.</summary>
    public string ObjectPath(string? ns, string name, string? subresource = null)
    {
        var path = $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}";
        return subresource is null ? path : $"{path}/{subresource}";
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} ({QualifiedResource}, {ApiVersion})";
}
