using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Tests;

/// <summary>Bad requests get kube-apiserver's Status errors; nothing half-written, never a 500.</summary>
public sealed class BadInputTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _cluster;

    public BadInputTests(ClusterFixture cluster)
    {
        _cluster = cluster;
    }

    private Kubectl K => _cluster.Kubectl;

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

    private async Task<(int Code, JsonNode Status)> PostAsync(string path, string body, string contentType = "application/json")
    {
        using var http = Client();
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var response = await http.PostAsync(path, content);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task Malformed_json_is_400_bad_request()
    {
        var (code, status) = await PostAsync("/api/v1/namespaces/default/configmaps", "{\"apiVersion\": \"v1\", kind");
        Assert.Equal(400, code);
        Assert.Equal("BadRequest", status["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_yaml_is_400_bad_request()
    {
        var (code, status) = await PostAsync("/api/v1/namespaces/default/configmaps", "apiVersion: v1\nkind: [unclosed\n", "application/yaml");
        Assert.Equal(400, code);
        Assert.Contains("yaml", status["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_kind_that_does_not_match_the_url_is_400()
    {
        var (code, status) = await PostAsync("/api/v1/namespaces/default/configmaps", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"x\"}}");
        Assert.Equal(400, code);
        Assert.Contains("does not match the expected kind", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_3_mib_is_413_and_nothing_is_stored()
    {
        var big = new string('x', (3 * 1024 * 1024) + 10);
        var (code, status) = await PostAsync("/api/v1/namespaces/default/configmaps", $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"huge\"}},\"data\":{{\"a\":\"{big}\"}}}}");
        Assert.Equal(413, code);
        Assert.Equal("RequestEntityTooLarge", status["reason"]!.GetValue<string>());
        (await K.RunAsync("get", "cm", "huge")).Fails("not found");
    }

    [Fact]
    public async Task Unknown_fields_fail_under_strict_validation_and_warn_otherwise()
    {
        var ns = await _cluster.NamespaceAsync("strict");
        const string manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\ndata: {a: b}\nbogus: true\n";
        (await K.RunWithInputAsync(manifest, "-n", ns, "create", "-f", "-", "--validate=strict"))
            .Fails("strict decoding error: unknown field \"bogus\"");
        (await K.RunAsync("-n", ns, "get", "cm", "s")).Fails("not found");
        var warned = (await K.RunWithInputAsync(manifest, "-n", ns, "create", "-f", "-", "--validate=warn")).Ok();
        Assert.Contains("unknown field \"bogus\"", warned.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_field_types_in_built_in_kinds_are_400()
    {
        var ns = await _cluster.NamespaceAsync("types");
        const string manifest = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: many\n  selector: {matchLabels: {a: b}}\n  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: i}]}}\n";
        (await K.RunWithInputAsync(manifest, "-n", ns, "create", "-f", "-", "--validate=false"))
            .Fails("cannot unmarshal string into Go struct field .spec.replicas of type int32");
    }

    [Fact]
    public async Task Unknown_resources_are_404_and_kubectl_says_so()
    {
        (await K.RunAsync("get", "flumps")).Fails("the server doesn't have a resource type \"flumps\"");
        using var http = Client();
        var response = await http.GetAsync("/apis/nope.example.com/v1/things");
        Assert.Equal(404, (int)response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("NotFound", status["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Garbage_requests_never_produce_a_500()
    {
        using var http = Client();
        foreach (var (method, path, body) in new[]
        {
            ("POST", "/api/v1/namespaces/default/configmaps", "[]"),
            ("POST", "/api/v1/namespaces/default/configmaps", "null"),
            ("POST", "/api/v1/namespaces/default/configmaps", "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":\"x\"}"),
            ("PUT", "/api/v1/namespaces/default/configmaps/x", "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"y\"}}"),
            ("PATCH", "/api/v1/namespaces/default/configmaps/x", "{}"),
            ("GET", "/api/v1/namespaces/default/configmaps?labelSelector=a%20in%20(", string.Empty),
            ("GET", "/api/v1/namespaces/default/configmaps?continue=%%%", string.Empty),
            ("GET", "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=abc", string.Empty),
            ("DELETE", "/api/v1/namespaces/default/configmaps/missing", "{\"propagationPolicy\":\"Sideways\"}"),
        })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body.Length > 0)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            var response = await http.SendAsync(request);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {path} {body} -> {(int)response.StatusCode}");
            var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("Status", status["kind"]!.GetValue<string>());
        }
    }
}
