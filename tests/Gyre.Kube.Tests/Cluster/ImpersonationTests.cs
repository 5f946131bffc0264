using System.Text.Json.Nodes;
using Gyre.Kube.Config;
using Gyre.Kube.Discovery;
using Gyre.Kube.Dynamic;
using Gyre.Kube.Tests.Support;

namespace Gyre.Kube.Tests.Cluster;

/// <summary>
/// Impersonation against the local cluster, with kubectl as the judge: several groups (one header line each), a
/// UID and extra values are read by the server exactly as kubectl's are, and RBAC grants what a group is bound to.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ImpersonationTests(LocalClusterFixture cluster) : IDisposable
{
    private static readonly ApiResource ConfigMaps = new("", "v1", "configmaps", "ConfigMap", true);
    private readonly TempDirectory _dir = new();

    private static Task<JsonObject> WhoAmIAsync(KubeClient client) => WhoAmI.UserInfoAsync(client);

    private string Kubeconfig(params string[] userLines) => _dir.Write("config", $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: local
          cluster:
            server: {cluster.Server.BaseUrl}
            certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(cluster.Server.CaCertificatePem))}
        users:
        - name: admin
          user:
            token: {cluster.Server.AdminToken}
        {string.Join("\n", userLines.Select(l => "    " + l))}
        contexts:
        - name: local
          context: {"{"}cluster: local, user: admin{"}"}
        current-context: local
        """);

    [Fact]
    public async Task Several_groups_arrive_as_several_groups_exactly_as_kubectl_sends_them()
    {
        using var admin = await cluster.ClientAsync();
        using var jane = admin.Impersonate(new KubeImpersonation("jane", ["team-a", "x,y", "team-b"]));

        var seenByGyre = await WhoAmIAsync(jane);
        var seenByKubectl = (await cluster.Kubectl.GetJsonAsync("auth", "whoami", "--as", "jane", "--as-group", "team-a", "--as-group", "x,y", "--as-group", "team-b"))["status"]!["userInfo"]!;

        Assert.Equal("jane", (string?)seenByGyre["username"]);
        Assert.Equal(["team-a", "x,y", "team-b", "system:authenticated"], seenByGyre["groups"]!.AsArray().Select(g => (string)g!));
        Assert.Equal(seenByKubectl.ToJsonString(), seenByGyre.ToJsonString());
    }

    [Fact]
    public async Task A_role_binding_to_the_second_group_grants_access_to_Gyre_and_kubectl_alike()
    {
        var ns = await cluster.NamespaceAsync("imp");
        await cluster.Kubectl.RunAsync(null, "create", "role", "cm-editor", "-n", ns, "--verb=get,list,watch,create", "--resource=configmaps");
        await cluster.Kubectl.RunAsync(null, "create", "rolebinding", "team-b", "-n", ns, "--role=cm-editor", "--group=team-b");
        using var admin = await cluster.ClientAsync();
        using var both = admin.Impersonate(new KubeImpersonation("jane", ["team-a", "team-b"]));
        using var firstOnly = admin.Impersonate(new KubeImpersonation("jane", ["team-a"]));

        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "made-as-team-b", ["namespace"] = ns },
            ["data"] = new JsonObject { ["payload"] = "X-Gyre-Repeat-1-Impersonate-Group: not a header\r\n\r\n" + new string('z', 100_000) },
        };
        await both.Resource(ConfigMaps).CreateAsync(body, null, TestTimeout.Token);
        var listed = await both.Resource(ConfigMaps).ListAsync(ns, null, TestTimeout.Token);
        var denied = await Assert.ThrowsAsync<KubeApiException>(() => firstOnly.Resource(ConfigMaps).ListAsync(ns, null, TestTimeout.Token));
        var kubectlCan = await cluster.Kubectl.RunAsync(null, "auth", "can-i", "create", "configmaps", "-n", ns, "--as", "jane", "--as-group", "team-a", "--as-group", "team-b");

        Assert.Equal("made-as-team-b", (string?)Assert.Single(listed.Items)["metadata"]!["name"]);
        Assert.Equal(body["data"]!.ToJsonString(), listed.Items[0]["data"]!.ToJsonString());
        Assert.True(denied.IsForbidden);
        Assert.Equal("yes", kubectlCan.Trim());
    }

    [Fact]
    public async Task Uid_and_extra_values_from_the_kubeconfig_reach_the_server_as_kubectl_sends_them()
    {
        var path = Kubeconfig(
            "as: jane",
            "as-groups: [devs, ops]",
            "as-uid: \"1234\"",
            "as-user-extra:",
            "  example.com/scopes: [read, \"write all\"]",
            "  reason: [deploy]");
        var kubectl = new KubectlRunner(path, Path.Combine(_dir.Path, "home"));
        using var gyre = await KubeClient.FromKubeconfigAsync(new KubeconfigSources(null, path, null), new KubeContextOverrides(), Connections.NoRetries, null, null, TestTimeout.Token);

        var seenByGyre = await WhoAmIAsync(gyre);
        var seenByKubectl = (await kubectl.GetJsonAsync("auth", "whoami"))["status"]!["userInfo"]!;

        Assert.Equal("1234", (string?)seenByGyre["uid"]);
        Assert.Equal("""{"example.com/scopes":["read","write all"],"reason":["deploy"]}""", seenByGyre["extra"]!.ToJsonString());
        Assert.Equal(seenByKubectl.ToJsonString(), seenByGyre.ToJsonString());
    }

    [Fact]
    public async Task Impersonating_extra_values_needs_the_userextras_permission()
    {
        var token = cluster.Server.CreateToken("limited-impersonator");
        var connection = new KubeConnection { Server = cluster.Server.BaseUrl, CertificateAuthorityPem = cluster.Server.CaCertificatePem, Token = token };
        await cluster.Kubectl.RunAsync(null, "create", "clusterrole", "impersonate-users", "--verb=impersonate", "--resource=users,groups");
        await cluster.Kubectl.RunAsync(null, "create", "clusterrolebinding", "limited-impersonator", "--clusterrole=impersonate-users", "--user=limited-impersonator");
        using var limited = new KubeClient(connection, Connections.NoRetries);

        using var asJane = limited.Impersonate(new KubeImpersonation("jane", ["a", "b"]));
        using var withExtra = limited.Impersonate(new KubeImpersonation("jane", []) { Extra = new Dictionary<string, IReadOnlyList<string>> { ["scopes"] = ["read"] } });

        var allowed = await WhoAmIAsync(asJane);
        var denied = await Assert.ThrowsAsync<KubeApiException>(() => WhoAmIAsync(withExtra));

        Assert.Equal("jane", (string?)allowed["username"]);
        Assert.True(denied.IsForbidden);
        Assert.Contains("userextras/scopes", denied.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
