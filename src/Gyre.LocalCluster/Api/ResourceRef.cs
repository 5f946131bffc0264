namespace Gyre.LocalCluster.Api;

/// <summary>The group and plural of a resource, enough to word a Status message ("deployments.apps \"web\" not found").</summary>
internal sealed record ResourceRef(string Group, string Plural)
{
    public string QualifiedName => Group.Length == 0 ? Plural : Plural + "." + Group;

    public static ResourceRef Of(ResourceInfo info) => new(info.Group, info.Plural);
}
