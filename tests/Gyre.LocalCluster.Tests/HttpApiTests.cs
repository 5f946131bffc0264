using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Tests;

/// <summary>Requests kubectl does not make but other clients (Gyre.Kube, controllers) do.</summary>
public sealed class HttpApiTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _cluster;

    public HttpApiTests(ClusterFixture cluster)
    {
        _cluster = cluster;
    }

    private HttpClient Client()
    {
        var ca = X509Certificate2.CreateFromPem(_cluster.Server.CaCertificatePem);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, chain, _) =>
            {
                chain!.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                return chain.Build(cert!);
            },
        };
        var http = new HttpClient(handler) { BaseAddress = _cluster.Server.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _cluster.Server.AdminToken);
        return http;
    }

    [Fact]
    public async Task Server_side_apply_accepts_a_yaml_body_with_kubectl_typing()
    {
        var ns = await _cluster.NamespaceAsync("yaml");
        using var http = Client();
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  labels:\n    tier: \"yes\"\ndata:\n  port: \"8080\"\n";
        using var content = new StringContent(yaml, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/apply-patch+yaml");
        var response = await http.PatchAsync($"/api/v1/namespaces/{ns}/configmaps/cfg?fieldManager=gyre", content);
        Assert.True((int)response.StatusCode == 201, (int)response.StatusCode + await response.Content.ReadAsStringAsync());
        var obj = await _cluster.GetJsonAsync("-n", ns, "get", "cm", "cfg");
        Assert.Equal("yes", obj["metadata"]!["labels"]!["tier"]!.GetValue<string>());
        Assert.Equal("8080", obj["data"]!["port"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sending_initial_events_ends_with_a_bookmark_annotated_initial_events_end()
    {
        var ns = await _cluster.NamespaceAsync("initial");
        (await _cluster.Kubectl.RunAsync("-n", ns, "create", "configmap", "one")).Ok();
        using var http = Client();
        using var stream = await http.GetStreamAsync($"/api/v1/namespaces/{ns}/configmaps?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&timeoutSeconds=1");
        using var reader = new StreamReader(stream);
        var events = new List<JsonNode>();
        while (await reader.ReadLineAsync() is { } line)
        {
            events.Add(JsonNode.Parse(line)!);
        }

        Assert.Equal("ADDED", events[0]["type"]!.GetValue<string>());
        var bookmark = events.First(e => e["type"]!.GetValue<string>() == "BOOKMARK");
        Assert.Equal("true", bookmark["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_subresource_of_a_built_in_kind_changes_only_status()
    {
        var ns = await _cluster.NamespaceAsync("status");
        (await _cluster.Kubectl.RunAsync("-n", ns, "create", "deployment", "d", "--image=nginx")).Ok();
        (await _cluster.Kubectl.RunAsync("-n", ns, "patch", "deploy", "d", "--subresource=status", "--type=merge", "-p", "{\"spec\":{\"replicas\":9},\"status\":{\"observedGeneration\":42}}")).Ok();
        var obj = await _cluster.GetJsonAsync("-n", ns, "get", "deploy", "d");
        Assert.Equal(1, obj["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Events_are_served_in_both_core_and_events_k8s_io()
    {
        var ns = await _cluster.NamespaceAsync("ev");
        var ev = "apiVersion: events.k8s.io/v1\nkind: Event\nmetadata: {name: e2}\neventTime: \"2026-01-01T00:00:00.000000Z\"\nreason: Tested\nnote: hi\ntype: Normal\naction: Test\nreportingController: gyre\nreportingInstance: gyre-1\nregarding: {kind: ConfigMap, name: x}\n";
        (await _cluster.Kubectl.RunWithInputAsync(ev, "-n", ns, "create", "-f", "-")).Ok();
        var listed = (await _cluster.Kubectl.RunAsync("-n", ns, "get", "events.events.k8s.io", "-o", "name")).Ok().Output;
        Assert.Contains("e2", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubectl_explain_reads_the_openapi_v3_schema()
    {
        var output = (await _cluster.Kubectl.RunAsync("explain", "deployment.spec.strategy")).Ok().Output;
        Assert.Contains("KIND:       Deployment", output, StringComparison.Ordinal);
        Assert.Contains("rollingUpdate", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typed_kubectl_commands_send_protobuf_that_decodes_to_what_kubectl_means()
    {
        var ns = await _cluster.NamespaceAsync("proto");
        var args = new[] { "-n", ns, "create", "deployment", "web", "--image=nginx:1.25", "--replicas=2", "--port=8080" };
        var expected = JsonNode.Parse((await _cluster.Kubectl.RunAsync([.. args, "--dry-run=client", "-o", "json"])).Ok().Output)!;
        (await _cluster.Kubectl.RunAsync(args)).Ok();
        var stored = await _cluster.GetJsonAsync("-n", ns, "get", "deploy", "web");
        Assert.True(JsonNode.DeepEquals(expected["spec"]!["template"], stored["spec"]!["template"]), stored["spec"]!["template"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(expected["spec"]!["selector"], stored["spec"]!["selector"]));
        Assert.Equal(2, stored["spec"]!["replicas"]!.GetValue<int>());

        var secretArgs = new[] { "-n", ns, "create", "secret", "generic", "s", "--from-literal=k=v" };
        var expectedSecret = JsonNode.Parse((await _cluster.Kubectl.RunAsync([.. secretArgs, "--dry-run=client", "-o", "json"])).Ok().Output)!;
        (await _cluster.Kubectl.RunAsync(secretArgs)).Ok();
        var secret = await _cluster.GetJsonAsync("-n", ns, "get", "secret", "s");
        Assert.True(JsonNode.DeepEquals(expectedSecret["data"], secret["data"]));
    }
}
