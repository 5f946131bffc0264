using System.Text.Json.Nodes;
using Gyre.Kube.Discovery;
using Gyre.Kube.Dynamic;
using Gyre.Kube.Tests.Support;

namespace Gyre.Kube.Tests.Cluster;

[Collection(LocalClusterCollection.Name)]
public sealed class DiscoveryAndSubresourceTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task Discovery_maps_kinds_to_resources_and_scopes()
    {
        using var client = await cluster.ClientAsync();

        var groupVersions = await client.Discovery.GetGroupVersionsAsync(TestTimeout.Token);
        var deployments = await client.Mapper.FindAsync("apps/v1", "Deployment", TestTimeout.Token);
        var namespaces = await client.Mapper.FindAsync("v1", "Namespace", TestTimeout.Token);
        var leases = await client.Mapper.FindByResourceAsync("coordination.k8s.io/v1", "leases", TestTimeout.Token);

        Assert.Contains("v1", groupVersions);
        Assert.Contains("apps/v1", groupVersions);
        Assert.Equal(new ApiResource("apps", "v1", "deployments", "Deployment", true), deployments with { Verbs = [], Subresources = [] });
        Assert.Contains("status", deployments.Subresources);
        Assert.Contains("scale", deployments.Subresources);
        Assert.False(namespaces.Namespaced);
        Assert.Equal("Lease", leases.Kind);
    }

    [Fact]
    public async Task A_kind_whose_CRD_is_created_at_run_time_is_found_on_the_next_miss()
    {
        using var client = await cluster.ClientAsync();
        var group = $"g{Guid.NewGuid().ToString("N")[..6]}.example.com";
        var before = await Assert.ThrowsAsync<KubeMappingException>(() => client.Mapper.FindAsync($"{group}/v1", "Widget", TestTimeout.Token));
        Assert.True(before.IsTransient);
        Assert.Contains($"no matches for kind \"Widget\" in version \"{group}/v1\"", before.Message, StringComparison.Ordinal);

        var crds = await client.ForKindAsync("apiextensions.k8s.io/v1", "CustomResourceDefinition", TestTimeout.Token);
        await crds.CreateAsync(JsonNode.Parse("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
             "metadata":{"name":"widgets.GROUP"},
             "spec":{"group":"GROUP","scope":"Namespaced",
                     "names":{"plural":"widgets","singular":"widget","kind":"Widget","listKind":"WidgetList"},
                     "versions":[{"name":"v1","served":true,"storage":true,
                                  "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
            """.Replace("GROUP", group, StringComparison.Ordinal))!.AsObject(), null, TestTimeout.Token);

        ApiResource? widgets = null;
        await TestTimeout.UntilAsync(async () =>
        {
            try
            {
                widgets = await client.Mapper.FindAsync($"{group}/v1", "Widget", TestTimeout.Token);
                return true;
            }
            catch (KubeMappingException)
            {
                return false;
            }
        }, "the CRD to be served");
        Assert.Equal("widgets", widgets!.Resource);
        Assert.True(widgets.Namespaced);
    }

    [Fact]
    public async Task Status_and_scale_subresources_are_written_separately_from_the_spec()
    {
        var ns = await cluster.NamespaceAsync("sub");
        using var client = await cluster.ClientAsync();
        var deployments = await client.ForKindAsync("apps/v1", "Deployment", TestTimeout.Token);
        var deployment = await deployments.CreateAsync(JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"NAMESPACE"},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
                     "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}}}
            """.Replace("NAMESPACE", ns, StringComparison.Ordinal))!.AsObject(), null, TestTimeout.Token);

        var scale = await deployments.ScaleAsync(ns, "web", 3, null, TestTimeout.Token);
        var current = await deployments.GetAsync(ns, "web", TestTimeout.Token);
        current["status"] = new JsonObject { ["observedGeneration"] = 2, ["replicas"] = 3, ["readyReplicas"] = 3 };
        current["spec"]!["replicas"] = 7;
        var afterStatus = await deployments.UpdateStatusAsync(current, null, TestTimeout.Token);
        var readScale = await deployments.GetAsync(ns, "web", "scale", TestTimeout.Token);

        Assert.Equal("Scale", (string?)scale["kind"]);
        Assert.Equal(3, (int?)readScale["spec"]!["replicas"]);
        Assert.Equal(3, (int?)afterStatus["status"]!["readyReplicas"]);
        var seen = await cluster.Kubectl.GetJsonAsync("get", "deployment", "web", "-n", ns);
        Assert.Equal(3, (int?)seen["spec"]!["replicas"]);
        Assert.Equal(3, (int?)seen["status"]!["readyReplicas"]);
        Assert.NotNull(deployment["metadata"]!["uid"]);
    }

    [Fact]
    public async Task Impersonating_an_account_without_permissions_is_Forbidden_with_advice()
    {
        var ns = await cluster.NamespaceAsync("imp");
        using var admin = await cluster.ClientAsync();
        using var tenant = admin.Impersonate(Gyre.Kube.Config.KubeImpersonation.ServiceAccount(ns, "tenant"));
        var configMaps = await tenant.ForKindAsync("v1", "ConfigMap", TestTimeout.Token);

        var error = await Assert.ThrowsAsync<KubeApiException>(() => configMaps.ListAsync(ns, null, TestTimeout.Token));

        Assert.True(error.IsForbidden, error.Message);
        Assert.Contains($"system:serviceaccount:{ns}:tenant", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; grant the user the missing RBAC permission or impersonate an account that has it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_token_is_Unauthorized()
    {
        using var good = await cluster.ClientAsync();
        var connection = new Gyre.Kube.Config.KubeConnection
        {
            Server = good.Api.Connection.Server,
            CertificateAuthorityPem = good.Api.Connection.CertificateAuthorityPem,
            Token = "not-a-valid-token",
        };
        using var client = new KubeClient(connection, Connections.NoRetries);

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.Resource(new ApiResource("", "v1", "namespaces", "Namespace", false)).ListAsync(null, null, TestTimeout.Token));

        Assert.True(error.IsUnauthorized, error.Message);
        Assert.DoesNotContain("not-a-valid-token", error.Message, StringComparison.Ordinal);
    }
}
