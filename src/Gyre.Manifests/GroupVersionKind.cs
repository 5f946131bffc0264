namespace Gyre.Manifests;

/// <summary>A Kubernetes group/version/kind. The core group is the empty string.</summary>
public readonly record struct GroupVersionKind(string Group, string Version, string Kind)
{
    /// <summary>The apiVersion field: "v1" for the core group, "group/version" otherwise.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    public GroupKind GroupKind => new(Group, Kind);

    /// <summary>Splits an apiVersion ("apps/v1", "v1") and pairs it with a kind.</summary>
    public static GroupVersionKind From(string apiVersion, string kind)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? new GroupVersionKind(string.Empty, apiVersion, kind)
            : new GroupVersionKind(apiVersion[..slash], apiVersion[(slash + 1)..], kind);
    }

    /// <summary>Formats as kubectl does: "apps/v1, Kind=Deployment".</summary>
    public override string ToString() => ApiVersion + ", Kind=" + Kind;
}
