namespace Gyre.LocalCluster.Security;

/// <summary>An authenticated identity: user name and groups (authentication.k8s.io UserInfo).</summary>
public sealed record UserInfo(string Name, IReadOnlyList<string> Groups)
{
    public const string MastersGroup = "system:masters";

    /// <summary>The UID, when one was given (impersonation with Impersonate-Uid).</summary>
    public string? Uid { get; init; }

    /// <summary>Extra attributes (Impersonate-Extra-&lt;key&gt;), keys lower-cased and unescaped as the API server does.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Extra { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public bool IsClusterAdmin => Groups.Contains(MastersGroup);
}
