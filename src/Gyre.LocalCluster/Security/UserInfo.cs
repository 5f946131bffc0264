namespace Gyre.LocalCluster.Security;

/// <summary>An authenticated identity: user name and groups (authentication.k8s.io UserInfo).</summary>
public sealed record UserInfo(string Name, IReadOnlyList<string> Groups)
{
    public const string MastersGroup = "system:masters";

    public bool IsClusterAdmin => Groups.Contains(MastersGroup);
}
