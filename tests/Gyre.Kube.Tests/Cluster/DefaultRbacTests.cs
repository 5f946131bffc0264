using Gyre.Kube.Tests.Support;

namespace Gyre.Kube.Tests.Cluster;

/// <summary>
/// The local cluster's default RBAC, judged by kubectl: the bootstrap ClusterRoles and bindings exist, a service
/// account bound to edit or view may do what it may in a real cluster, and aggregated roles pick up new rules.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class DefaultRbacTests(LocalClusterFixture cluster)
{
    private async Task<string> CanIAsync(string ns, string serviceAccount, params string[] what)
    {
        var output = await cluster.Kubectl.RunAsyncAllowingFailure(["auth", "can-i", .. what, "-n", ns, "--as", $"system:serviceaccount:{ns}:{serviceAccount}"]);
        return output.Trim();
    }

    [Fact]
    public async Task The_bootstrap_roles_and_bindings_exist_and_aggregated_roles_carry_their_rules()
    {
        var roles = await cluster.Kubectl.RunAsync(null, "get", "clusterroles", "-o", "name");
        var bindings = await cluster.Kubectl.RunAsync(null, "get", "clusterrolebindings", "-o", "name");
        var edit = await cluster.Kubectl.GetJsonAsync("get", "clusterrole", "edit");
        var publicInfo = await cluster.Kubectl.GetJsonAsync("get", "clusterrolebinding", "system:public-info-viewer");

        foreach (var role in new[] { "cluster-admin", "admin", "edit", "view", "system:aggregate-to-admin", "system:aggregate-to-edit", "system:aggregate-to-view", "system:basic-user", "system:discovery", "system:public-info-viewer" })
        {
            Assert.Contains($"clusterrole.rbac.authorization.k8s.io/{role}\n", roles, StringComparison.Ordinal);
        }

        foreach (var binding in new[] { "cluster-admin", "system:basic-user", "system:discovery", "system:public-info-viewer" })
        {
            Assert.Contains($"clusterrolebinding.rbac.authorization.k8s.io/{binding}\n", bindings, StringComparison.Ordinal);
        }

        Assert.Equal("true", (string?)edit["metadata"]!["labels"]!["rbac.authorization.k8s.io/aggregate-to-admin"]);
        Assert.Contains("serviceaccounts/token", edit["rules"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("persistentvolumeclaims/status", edit["rules"]!.ToJsonString(), StringComparison.Ordinal); // from view, aggregated into edit
        Assert.Equal(["system:authenticated", "system:unauthenticated"], publicInfo["subjects"]!.AsArray().Select(s => (string)s!["name"]!));
    }

    [Fact]
    public async Task A_service_account_bound_to_edit_or_view_may_do_what_it_may_in_a_real_cluster()
    {
        var ns = await cluster.NamespaceAsync("rbac");
        var other = await cluster.NamespaceAsync("rbac-other");
        await cluster.Kubectl.RunAsync(null, "create", "serviceaccount", "editor", "-n", ns);
        await cluster.Kubectl.RunAsync(null, "create", "serviceaccount", "viewer", "-n", ns);
        await cluster.Kubectl.RunAsync(null, "create", "rolebinding", "editor", "-n", ns, "--clusterrole=edit", $"--serviceaccount={ns}:editor");
        await cluster.Kubectl.RunAsync(null, "create", "rolebinding", "viewer", "-n", ns, "--clusterrole=view", $"--serviceaccount={ns}:viewer");

        Assert.Equal("yes", await CanIAsync(ns, "editor", "create", "deployments.apps"));
        Assert.Equal("yes", await CanIAsync(ns, "editor", "get", "secrets"));
        Assert.Equal("yes", await CanIAsync(ns, "editor", "create", "serviceaccounts/token"));
        Assert.Equal("no", await CanIAsync(ns, "editor", "create", "roles.rbac.authorization.k8s.io"));
        Assert.Equal("no", await CanIAsync(ns, "editor", "create", "resourcequotas"));
        Assert.Equal("yes", await CanIAsync(ns, "viewer", "list", "configmaps"));
        Assert.Equal("yes", await CanIAsync(ns, "viewer", "watch", "jobs.batch"));
        Assert.Equal("no", await CanIAsync(ns, "viewer", "get", "secrets"));
        Assert.Equal("no", await CanIAsync(ns, "viewer", "create", "configmaps"));
        var elsewhere = await cluster.Kubectl.RunAsyncAllowingFailure(["auth", "can-i", "list", "configmaps", "-n", other, "--as", $"system:serviceaccount:{ns}:editor"]);
        Assert.Equal("no", elsewhere.Trim());
    }

    [Fact]
    public async Task A_role_labelled_aggregate_to_view_adds_its_rules_to_view_edit_and_admin()
    {
        var ns = await cluster.NamespaceAsync("agg");
        await cluster.Kubectl.RunAsync(null, "create", "serviceaccount", "admin-sa", "-n", ns);
        await cluster.Kubectl.RunAsync(null, "create", "rolebinding", "admin-sa", "-n", ns, "--clusterrole=admin", $"--serviceaccount={ns}:admin-sa");
        await cluster.Kubectl.RunAsync("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: limitranges-creator
              labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}
            rules:
            - apiGroups: [""]
              resources: [limitranges]
              verbs: [create]
            """, "apply", "-f", "-");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await CanIAsync(ns, "admin-sa", "create", "limitranges") != "yes")
        {
            Assert.True(DateTime.UtcNow < deadline, "admin never got the rules aggregated into view");
            await Task.Delay(100, TestTimeout.Token);
        }

        var view = await cluster.Kubectl.GetJsonAsync("get", "clusterrole", "view");
        var edit = await cluster.Kubectl.GetJsonAsync("get", "clusterrole", "edit");
        var rule = """{"apiGroups":[""],"resources":["limitranges"],"verbs":["create"]}""";
        Assert.Contains(rule, view["rules"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(rule, edit["rules"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("yes", await CanIAsync(ns, "admin-sa", "create", "rolebindings.rbac.authorization.k8s.io"));
    }

    [Fact]
    public async Task On_restart_default_roles_marked_autoupdate_get_back_missing_rules_and_others_stay_as_changed()
    {
        using var dir = new TempDirectory();
        var options = new Gyre.LocalCluster.LocalClusterOptions { DataDirectory = dir.Path, EnableWorkloadSimulator = false };
        var home = Path.Combine(dir.Path, "home");
        await using (var first = await Gyre.LocalCluster.LocalClusterServer.StartAsync(options, TestTimeout.Token))
        {
            var kubectl = new KubectlRunner(first.KubeconfigPath, home);
            await kubectl.RunAsync(null, "patch", "clusterrole", "system:aggregate-to-view", "--type=json", "-p", """[{"op":"remove","path":"/rules/0"}]""");
            await kubectl.RunAsync(null, "annotate", "clusterrole", "system:basic-user", "rbac.authorization.kubernetes.io/autoupdate=false", "--overwrite");
            await kubectl.RunAsync(null, "patch", "clusterrole", "system:basic-user", "--type=json", "-p", """[{"op":"remove","path":"/rules/1"}]""");
        }

        await using var second = await Gyre.LocalCluster.LocalClusterServer.StartAsync(options, TestTimeout.Token);
        var again = new KubectlRunner(second.KubeconfigPath, home);
        var toView = (await again.GetJsonAsync("get", "clusterrole", "system:aggregate-to-view"))["rules"]!.ToJsonString();
        var view = (await again.GetJsonAsync("get", "clusterrole", "view"))["rules"]!.ToJsonString();
        var basicUser = (await again.GetJsonAsync("get", "clusterrole", "system:basic-user"))["rules"]!.ToJsonString();

        Assert.Contains("\"configmaps\"", toView, StringComparison.Ordinal);
        Assert.Contains("\"configmaps\"", view, StringComparison.Ordinal);
        Assert.DoesNotContain("selfsubjectreviews", basicUser, StringComparison.Ordinal);
    }
}
