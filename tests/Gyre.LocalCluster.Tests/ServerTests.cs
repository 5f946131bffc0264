using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Tests;

public sealed class ServerTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _cluster;

    public ServerTests(ClusterFixture cluster)
    {
        _cluster = cluster;
    }

    [Fact]
    public async Task Kubectl_version_reports_the_server_version()
    {
        var output = (await _cluster.Kubectl.RunAsync("version", "-o", "json")).Ok().Output;
        var server = JsonNode.Parse(output)!["serverVersion"]!;
        Assert.Equal("1", server["major"]!.GetValue<string>());
        Assert.Equal("32", server["minor"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/livez")]
    public async Task Health_endpoints_answer_ok(string path)
    {
        var output = (await _cluster.Kubectl.RunAsync("get", "--raw", path)).Ok().Output;
        Assert.Equal("ok", output.Trim());
    }

    [Fact]
    public async Task Api_resources_lists_built_in_kinds_with_scope_short_names_and_verbs()
    {
        var output = (await _cluster.Kubectl.RunAsync("api-resources", "-o", "wide")).Ok().Output;
        Assert.Matches(@"configmaps\s+cm\s+v1\s+true\s+ConfigMap\s+create,delete,deletecollection,get,list,patch,update,watch", output);
        Assert.Matches(@"namespaces\s+ns\s+v1\s+false\s+Namespace", output);
        Assert.Matches(@"deployments\s+deploy\s+apps/v1\s+true\s+Deployment\s+\S+\s+all", output);
        Assert.Matches(@"customresourcedefinitions\s+crd,crds\s+apiextensions.k8s.io/v1\s+false\s+CustomResourceDefinition", output);
        foreach (var name in new[]
        {
            "secrets", "services", "serviceaccounts", "endpoints", "events", "pods", "persistentvolumeclaims", "persistentvolumes",
            "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs", "ingresses", "ingressclasses", "networkpolicies", "roles",
            "rolebindings", "clusterroles", "clusterrolebindings", "leases", "priorityclasses", "storageclasses", "poddisruptionbudgets",
            "horizontalpodautoscalers", "resourcequotas", "limitranges", "validatingwebhookconfigurations", "mutatingwebhookconfigurations",
        })
        {
            Assert.Matches(@"(?m)^" + name + @"\s", output);
        }
    }

    [Fact]
    public async Task Legacy_discovery_documents_are_served()
    {
        var api = JsonNode.Parse((await _cluster.Kubectl.RunAsync("get", "--raw", "/api")).Ok().Output)!;
        Assert.Equal("APIVersions", api["kind"]!.GetValue<string>());
        var groups = JsonNode.Parse((await _cluster.Kubectl.RunAsync("get", "--raw", "/apis")).Ok().Output)!;
        Assert.Contains(groups["groups"]!.AsArray(), g => g!["name"]!.GetValue<string>() == "apps");
        var apps = JsonNode.Parse((await _cluster.Kubectl.RunAsync("get", "--raw", "/apis/apps/v1")).Ok().Output)!;
        var deployments = apps["resources"]!.AsArray().First(r => r!["name"]!.GetValue<string>() == "deployments")!;
        Assert.Equal("deploy", deployments["shortNames"]![0]!.GetValue<string>());
        Assert.Contains(apps["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "deployments/scale");
        Assert.Contains(apps["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "deployments/status");
    }

    [Fact]
    public async Task The_kubeconfig_carries_the_ca_and_an_unauthenticated_request_is_rejected()
    {
        using var handler = new HttpClientHandler();
        var ca = X509Certificate2.CreateFromPem(_cluster.Server.CaCertificatePem);
        handler.ServerCertificateCustomValidationCallback = (_, cert, chain, _) =>
        {
            chain!.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(cert!);
        };
        using var http = new HttpClient(handler) { BaseAddress = _cluster.Server.BaseUrl };
        var anonymous = await http.GetAsync("/api/v1/namespaces");
        Assert.Equal(401, (int)anonymous.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _cluster.Server.AdminToken);
        var ok = await http.SendAsync(request);
        Assert.Equal(200, (int)ok.StatusCode);
        Assert.Contains("certificate-authority-data", await File.ReadAllTextAsync(_cluster.Server.KubeconfigPath));
    }

    [Fact]
    public async Task Default_namespaces_exist()
    {
        var output = (await _cluster.Kubectl.RunAsync("get", "namespaces")).Ok().Output;
        Assert.Matches(@"default\s+Active", output);
        Assert.Matches(@"kube-system\s+Active", output);
    }
}
