namespace Gyre.Kube.Config;

/// <summary>
/// Act as another user: sent as <c>Impersonate-User</c> and one <c>Impersonate-Group</c> header per group, so a
/// controller can act as a tenant's service account (<c>system:serviceaccount:&lt;ns&gt;:&lt;name&gt;</c>).
/// </summary>
/// <param name="UserName">The user to impersonate.</param>
/// <param name="Groups">The groups to impersonate.</param>
public sealed record KubeImpersonation(string UserName, IReadOnlyList<string> Groups)
{
    /// <summary>
    /// Impersonates a service account. No groups are sent: the API server adds <c>system:serviceaccounts</c> and
    /// <c>system:serviceaccounts:&lt;ns&gt;</c> itself when a service account is impersonated without groups
    /// (apiserver <c>filters/impersonation.go</c>).
    /// </summary>
    public static KubeImpersonation ServiceAccount(string ns, string name) => new($"system:serviceaccount:{ns}:{name}", []);
}
