namespace Gyre.Kustomize.Resources;

/// <summary>A resource identity: group, version, kind, name and namespace (kustomize's resid.ResId).</summary>
internal sealed record ResId(string Group, string Version, string Kind, string Name, string Namespace)
{
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    public static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        var slash = apiVersion.LastIndexOf('/');
        return slash < 0 ? (string.Empty, apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    /// <summary>Whether the schema says this kind is cluster-scoped (unknown kinds are namespaced, as in kyaml).</summary>
    public bool IsClusterScoped => KubernetesSchema.Current.IsClusterScoped(Group, Version, Kind);

    /// <summary>Equality of namespaces treating "" and "default" as the same (resid.IsNsEquals).</summary>
    public bool IsNamespaceEqual(ResId other) =>
        IsClusterScoped || other.IsClusterScoped || EffectiveNamespace == other.EffectiveNamespace;

    private string EffectiveNamespace => Namespace.Length == 0 ? "default" : Namespace;

    /// <summary>The gvk as kustomize prints it in ids: Kind.version.group.</summary>
    public string GvkString =>
        (Kind.Length == 0 ? "[noKind]" : Kind) + "." + (Version.Length == 0 ? "[noVer]" : Version) + "." + (Group.Length == 0 ? "[noGrp]" : Group);

    /// <summary>kustomize's ResId.String(): Kind.version.group/name.namespace.</summary>
    public override string ToString() =>
        GvkString + "/" + (Name.Length == 0 ? "[noName]" : Name) + "." + (Namespace.Length == 0 ? "[noNs]" : Namespace);

    /// <summary>The Kind/namespace/name form Gyre uses in messages.</summary>
    public string Display => Namespace.Length == 0 ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";
}
