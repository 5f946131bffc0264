namespace Gyre.Kube.Config;

/// <summary>
/// Act as another user: sent as <c>Impersonate-User</c> and one <c>Impersonate-Group</c> header per group, so a
/// controller can act as a tenant's service account (<c>system:serviceaccount:&lt;ns&gt;:&lt;name&gt;</c>).
/// </summary>
/// <param name="UserName">The user to impersonate.</param>
/// <param name="Groups">The groups to impersonate.</param>
public sealed record KubeImpersonation(string UserName, IReadOnlyList<string> Groups)
{
    /// <summary>Impersonates a service account, with the groups the API server would give it.</summary>
    public static KubeImpersonation ServiceAccount(string ns, string name) =>
        new($"system:serviceaccount:{ns}:{name}", ["system:serviceaccounts", $"system:serviceaccounts:{ns}"]);
}
