namespace Gyre.LocalCluster.Tests;

/// <summary>Lists under a structural schema (status.conditions, as every Flux kind has) survive validation and patches.</summary>
public sealed class SchemaListTests : IClassFixture<ClusterFixture>
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: gadgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: gadgets, singular: gadget, kind: Gadget}
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            additionalPrinterColumns:
            - {name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status'}
            - {name: Status, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].message'}
            - {name: First, type: string, jsonPath: '.spec.tags[0]'}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      tags: {type: array, items: {type: string}}
                  status:
                    type: object
                    properties:
                      observedGeneration: {type: integer}
                      conditions:
                        type: array
                        items:
                          type: object
                          required: [type, status]
                          properties:
                            type: {type: string}
                            status: {type: string, enum: ["True", "False", "Unknown"]}
                            reason: {type: string}
                            message: {type: string}
        """;

    private readonly ClusterFixture _cluster;

    public SchemaListTests(ClusterFixture cluster) => _cluster = cluster;

    [Fact]
    public async Task Status_conditions_patch_and_replace_through_the_status_subresource()
    {
        var k = _cluster.Kubectl;
        (await k.RunWithInputAsync(Crd, "apply", "-f", "-")).Ok();
        var ns = await _cluster.NamespaceAsync("lists");
        await WaitForKindAsync(k, ns);
        (await k.RunWithInputAsync("apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\nspec: {tags: [a, b]}\n", "-n", ns, "create", "-f", "-")).Ok();
        const string Ready = "{\"status\":{\"observedGeneration\":1,\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"Succeeded\",\"message\":\"ok\"}]}}";
        (await k.RunAsync("-n", ns, "patch", "gadget", "g", "--subresource=status", "--type=merge", "-p", Ready)).Ok();
        var table = (await k.RunAsync("-n", ns, "get", "gadget", "g", "--no-headers")).Ok().Output;
        Assert.Matches(@"^g\s+True\s+ok\s+a\s", table);
        const string NotReady = "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\",\"reason\":\"Failed\"},{\"type\":\"Stalled\",\"status\":\"True\"}]}}";
        (await k.RunAsync("-n", ns, "patch", "gadget", "g", "--subresource=status", "--type=merge", "-p", NotReady)).Ok();
        var g = await _cluster.GetJsonAsync("-n", ns, "get", "gadget", "g");
        Assert.Equal(2, g["status"]!["conditions"]!.AsArray().Count);
        Assert.Equal("False", g["status"]!["conditions"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("[\"a\",\"b\"]", g["spec"]!["tags"]!.ToJsonString());
        (await k.RunAsync("-n", ns, "patch", "gadget", "g", "--subresource=status", "--type=merge", "-p", "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"Maybe\"}]}}"))
            .Fails("Unsupported value: \"Maybe\"");
    }

    private static async Task WaitForKindAsync(Kubectl k, string ns)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await k.RunAsync("-n", ns, "get", "gadgets")).ExitCode != 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the Gadget kind was not served within 20s");
            await Task.Delay(100);
        }
    }
}
