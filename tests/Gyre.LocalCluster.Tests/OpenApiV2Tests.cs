using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Tests;

/// <summary>
/// /openapi/v2, which kubectl reads (as gnostic protobuf) to validate `kind: List` files on the client: built-in kinds
/// and CRD kinds are checked field by field, so such files apply without --validate=false.
/// </summary>
public sealed class OpenApiV2Tests : IClassFixture<ClusterFixture>
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: sprockets.v2.example.com
        spec:
          group: v2.example.com
          scope: Namespaced
          names: {plural: sprockets, singular: sprocket, kind: Sprocket}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [size]
                    properties:
                      size: {type: integer}
                      note: {type: string, nullable: true}
                      extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """;

    private readonly ClusterFixture _cluster;

    public OpenApiV2Tests(ClusterFixture cluster) => _cluster = cluster;

    [Fact]
    public async Task A_List_file_applies_with_client_side_validation_and_an_unknown_field_in_it_is_named()
    {
        var k = _cluster.Kubectl;
        var ns = await _cluster.NamespaceAsync("v2list");
        var list = $$$"""
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ConfigMap
              metadata: {name: settings, namespace: {{{ns}}}}
              data: {mode: fast}
            - apiVersion: apps/v1
              kind: Deployment
              metadata: {name: web, namespace: {{{ns}}}}
              spec:
                selector: {matchLabels: {app: web}}
                template:
                  metadata: {labels: {app: web}}
                  spec:
                    os: {name: linux}
                    containers: [{name: web, image: nginx, restartPolicy: Always, ports: [{containerPort: 80}]}]
            """;
        (await k.RunWithInputAsync(list, "apply", "-f", "-")).Ok();
        Assert.Equal("fast", (await _cluster.GetJsonAsync("-n", ns, "get", "configmap", "settings"))["data"]!["mode"]!.GetValue<string>());
        (await k.RunAsync("-n", ns, "get", "deployment", "web")).Ok();

        var bad = list.Replace("data: {mode: fast}", "data: {mode: fast}\n  bogus: 1", StringComparison.Ordinal);
        (await k.RunWithInputAsync(bad, "apply", "-f", "-")).Fails("unknown field \"bogus\" in io.k8s.api.core.v1.ConfigMap");
        var wrongType = list.Replace("containerPort: 80", "containerPort: eighty", StringComparison.Ordinal);
        (await k.RunWithInputAsync(wrongType, "apply", "-f", "-")).Fails("ValidationError(Deployment.spec.template.spec.containers[0].ports[0].containerPort)");
    }

    [Fact]
    public async Task Custom_resources_in_a_List_are_validated_against_the_CRD_schema_as_published_in_v2()
    {
        var k = _cluster.Kubectl;
        (await k.RunWithInputAsync(Crd, "apply", "-f", "-")).Ok();
        var ns = await _cluster.NamespaceAsync("v2crd");
        await ClusterFixture.EventuallyAsync(async () => (await k.RunAsync("-n", ns, "get", "sprockets")).ExitCode == 0, "the Sprocket kind to be served");
        string List(string spec) => $"apiVersion: v1\nkind: List\nitems:\n- apiVersion: v2.example.com/v1\n  kind: Sprocket\n  metadata: {{name: s, namespace: {ns}}}\n  spec: {spec}\n";

        // nullable and preserve-unknown-fields nodes are published without type/properties, so null and anything pass.
        (await k.RunWithInputAsync(List("{size: 3, note: null, extra: {any: {thing: 1}}}"), "apply", "-f", "-")).Ok();
        Assert.Equal(3, (await _cluster.GetJsonAsync("-n", ns, "get", "sprocket", "s"))["spec"]!["size"]!.GetValue<int>());
        (await k.RunWithInputAsync(List("{size: 3, colour: red}"), "apply", "-f", "-"))
            .Fails("unknown field \"colour\" in com.example.v2.v1.Sprocket.spec");
        (await k.RunWithInputAsync(List("{note: x}"), "apply", "-f", "-"))
            .Fails("missing required field \"size\" in com.example.v2.v1.Sprocket.spec");
    }

    [Fact]
    public async Task The_document_is_served_as_JSON_to_clients_that_ask_for_JSON()
    {
        var doc = JsonNode.Parse((await _cluster.Kubectl.RunAsync("get", "--raw", "/openapi/v2")).Ok().Output)!.AsObject();
        Assert.Equal("2.0", doc["swagger"]!.GetValue<string>());
        var definitions = doc["definitions"]!.AsObject();
        Assert.True(definitions.ContainsKey("io.k8s.api.apps.v1.Deployment"));

        // Only served versions are published: extensions/v1beta1 Ingress was removed long before 1.32.
        Assert.False(definitions.ContainsKey("io.k8s.api.extensions.v1beta1.Ingress"));
        var patch = doc["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!;
        Assert.Contains(patch["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "fieldValidation");
    }
}
