namespace Gyre.LocalCluster.Tests;

public sealed class RbacTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _cluster;

    public RbacTests(ClusterFixture cluster)
    {
        _cluster = cluster;
    }

    private Kubectl K => _cluster.Kubectl;

    private async Task<(string Ns, Kubectl Sa)> ServiceAccountWithConfigMapReadAsync()
    {
        var ns = await _cluster.NamespaceAsync("rbac");
        (await K.RunAsync("-n", ns, "create", "serviceaccount", "reader")).Ok();
        (await K.RunAsync("-n", ns, "create", "role", "cm-reader", "--verb=get,list,watch", "--resource=configmaps")).Ok();
        (await K.RunAsync("-n", ns, "create", "rolebinding", "reader-binding", "--role=cm-reader", $"--serviceaccount={ns}:reader")).Ok();
        var token = _cluster.Server.CreateServiceAccountToken(ns, "reader");
        var kubeconfig = _cluster.Server.WriteKubeconfig($"kubeconfig-{ns}", "reader", token);
        return (ns, new Kubectl(kubeconfig, Path.Combine(_cluster.DataDirectory, "home-" + ns)));
    }

    [Fact]
    public async Task A_service_account_may_do_only_what_its_role_allows()
    {
        var (ns, sa) = await ServiceAccountWithConfigMapReadAsync();
        (await K.RunAsync("-n", ns, "create", "configmap", "visible")).Ok();
        Assert.Contains("visible", (await sa.RunAsync("-n", ns, "get", "cm")).Ok().Output, StringComparison.Ordinal);
        (await sa.RunAsync("-n", ns, "create", "configmap", "nope")).Fails($"User \"system:serviceaccount:{ns}:reader\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"{ns}\"");
        (await sa.RunAsync("-n", ns, "get", "secrets")).Fails("cannot list resource \"secrets\"");
        (await sa.RunAsync("-n", "default", "get", "cm")).Fails("in the namespace \"default\"");
    }

    [Fact]
    public async Task Auth_can_i_answers_from_rbac_through_self_subject_access_review()
    {
        var (ns, sa) = await ServiceAccountWithConfigMapReadAsync();
        Assert.Equal("yes", (await sa.RunAsync("-n", ns, "auth", "can-i", "list", "configmaps")).Ok().Output.Trim());
        var denied = await sa.RunAsync("-n", ns, "auth", "can-i", "delete", "configmaps");
        Assert.Equal("no", denied.Output.Trim());
        Assert.Equal("yes", (await K.RunAsync("auth", "can-i", "delete", "nodes")).Ok().Output.Trim());
    }

    [Fact]
    public async Task Impersonation_applies_the_impersonated_identity()
    {
        var (ns, _) = await ServiceAccountWithConfigMapReadAsync();
        Assert.Equal("yes", (await K.RunAsync("-n", ns, "auth", "can-i", "get", "configmaps", $"--as=system:serviceaccount:{ns}:reader")).Ok().Output.Trim());
        (await K.RunAsync("-n", ns, "create", "configmap", "x", $"--as=system:serviceaccount:{ns}:reader")).Fails("cannot create resource \"configmaps\"");
        (await K.RunAsync("-n", ns, "create", "clusterrolebinding", $"view-{ns}", "--clusterrole=view-cm", "--group=viewers")).Ok();
        (await K.RunAsync("create", "clusterrole", "view-cm", "--verb=get,list", "--resource=configmaps")).Ok();
        (await K.RunAsync("-n", ns, "get", "cm", "--as=jane", "--as-group=viewers")).Ok();
        (await K.RunAsync("-n", ns, "get", "cm", "--as=jane")).Fails("User \"jane\" cannot list resource \"configmaps\"");
    }

    [Fact]
    public async Task A_non_admin_cannot_impersonate()
    {
        var (ns, sa) = await ServiceAccountWithConfigMapReadAsync();
        var token = _cluster.Server.CreateServiceAccountToken(ns, "reader");
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { BaseAddress = _cluster.Server.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Impersonate-User", "admin");
        var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(403, (int)response.StatusCode);
        var message = System.Text.Json.Nodes.JsonNode.Parse(body)!["message"]!.GetValue<string>();
        Assert.Contains($"User \"system:serviceaccount:{ns}:reader\" cannot impersonate resource \"users\"", message, StringComparison.Ordinal);

        // kubectl's discovery client cannot decode errors on discovery and prints "Forbidden: unknown", as against a real server.
        (await sa.RunAsync("-n", ns, "get", "cm", "--as=admin")).Fails("Forbidden");
    }
}
