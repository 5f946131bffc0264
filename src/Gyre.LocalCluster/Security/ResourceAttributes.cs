namespace Gyre.LocalCluster.Security;

/// <summary>What a request does, in the terms RBAC rules and SubjectAccessReviews use.</summary>
internal sealed record ResourceAttributes(string Verb, string Group, string Resource, string Subresource, string Namespace, string Name)
{
    public string Path { get; init; } = string.Empty;

    public bool IsNonResource { get; init; }

    public static ResourceAttributes NonResource(string verb, string path) =>
        new(verb, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty) { Path = path, IsNonResource = true };
}
