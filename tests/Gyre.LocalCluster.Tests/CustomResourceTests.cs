using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Tests;

public sealed class CustomResourceTests : IClassFixture<ClusterFixture>
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd], categories: [all]}
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
              scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}
            additionalPrinterColumns:
            - {name: Color, type: string, jsonPath: .spec.color}
            - {name: Size, type: integer, jsonPath: .spec.size}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [color]
                    properties:
                      color: {type: string, enum: [red, blue]}
                      size: {type: integer, minimum: 1, default: 3}
                      name: {type: string, pattern: '^[a-z]+$'}
                      replicas: {type: integer}
                      extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
                  status:
                    type: object
                    properties:
                      replicas: {type: integer}
                      phase: {type: string}
          - name: v1beta1
            served: true
            storage: false
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
        """;

    private readonly ClusterFixture _cluster;

    public CustomResourceTests(ClusterFixture cluster)
    {
        _cluster = cluster;
    }

    private Kubectl K => _cluster.Kubectl;

    private async Task EnsureCrdAsync()
    {
        (await K.RunWithInputAsync(Crd, "apply", "-f", "-")).Ok();
        (await K.RunAsync("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=10s")).Ok();
    }

    private static string Widget(string name, string spec) => $"apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: {name}\nspec:\n{spec}";

    [Fact]
    public async Task A_new_crd_is_established_with_accepted_names_and_served_at_once()
    {
        await EnsureCrdAsync();
        var crd = await _cluster.GetJsonAsync("get", "crd", "widgets.example.com");
        var conditions = crd["status"]!["conditions"]!.AsArray();
        Assert.Contains(conditions, c => c!["type"]!.GetValue<string>() == "NamesAccepted" && c["status"]!.GetValue<string>() == "True");
        Assert.Contains(conditions, c => c!["type"]!.GetValue<string>() == "Established" && c["status"]!.GetValue<string>() == "True");
        Assert.Equal("Widget", crd["status"]!["acceptedNames"]!["kind"]!.GetValue<string>());
        var resources = (await K.RunAsync("api-resources", "--api-group=example.com")).Ok().Output;
        Assert.Matches(@"widgets\s+wd\s+example.com/v1\s+true\s+Widget", resources);
    }

    [Fact]
    public async Task Custom_resources_are_defaulted_and_printed_with_printer_columns()
    {
        await EnsureCrdAsync();
        var ns = await _cluster.NamespaceAsync("cr");
        (await K.RunWithInputAsync(Widget("w1", "  color: red\n"), "-n", ns, "apply", "-f", "-")).Ok();
        var w = await _cluster.GetJsonAsync("-n", ns, "get", "widget", "w1");
        Assert.Equal(3, w["spec"]!["size"]!.GetValue<int>());
        Assert.Equal(1, w["metadata"]!["generation"]!.GetValue<int>());
        var table = (await K.RunAsync("-n", ns, "get", "wd")).Ok().Output;
        Assert.Matches(@"NAME\s+COLOR\s+SIZE\s+AGE", table);
        Assert.Matches(@"w1\s+red\s+3\s+\d+s", table);
    }

    [Fact]
    public async Task Schema_violations_are_422_naming_each_field()
    {
        await EnsureCrdAsync();
        var ns = await _cluster.NamespaceAsync("crv");
        var result = await K.RunWithInputAsync(Widget("bad", "  color: pink\n  size: 0\n  name: ABC\n"), "-n", ns, "create", "-f", "-");
        result.Fails("The Widget \"bad\" is invalid");
        Assert.Contains("spec.color: Unsupported value: \"pink\": supported values: \"red\", \"blue\"", result.Error, StringComparison.Ordinal);
        Assert.Contains("spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1", result.Error, StringComparison.Ordinal);
        Assert.Contains("spec.name: Invalid value: \"ABC\": spec.name in body should match '^[a-z]+$'", result.Error, StringComparison.Ordinal);

        var missing = await K.RunWithInputAsync(Widget("bad2", "  size: 2\n"), "-n", ns, "create", "-f", "-");
        missing.Fails("spec.color: Required value");
        var wrongType = await K.RunWithInputAsync(Widget("bad3", "  color: red\n  size: big\n"), "-n", ns, "create", "-f", "-", "--validate=false");
        wrongType.Fails("spec.size in body must be of type integer: \"string\"");
        (await K.RunAsync("-n", ns, "get", "widgets", "-o", "name")).Ok();
    }

    [Fact]
    public async Task Unknown_fields_are_pruned_unless_preserved_and_strict_validation_rejects_them()
    {
        await EnsureCrdAsync();
        var ns = await _cluster.NamespaceAsync("crp");
        (await K.RunWithInputAsync(Widget("p", "  color: blue\n  bogus: 1\n  extra: {anything: [1, 2]}\n"), "-n", ns, "create", "-f", "-", "--validate=false")).Ok();
        var w = await _cluster.GetJsonAsync("-n", ns, "get", "widget", "p");
        Assert.Null(w["spec"]!["bogus"]);
        Assert.Equal("[1,2]", w["spec"]!["extra"]!["anything"]!.ToJsonString());
        (await K.RunWithInputAsync(Widget("q", "  color: blue\n  bogus: 1\n"), "-n", ns, "create", "-f", "-", "--validate=strict"))
            .Fails(".spec.bogus: field not declared in schema");
    }

    [Fact]
    public async Task Status_and_scale_subresources_work_for_custom_resources()
    {
        await EnsureCrdAsync();
        var ns = await _cluster.NamespaceAsync("crs");
        (await K.RunWithInputAsync(Widget("s", "  color: red\n  replicas: 1\n"), "-n", ns, "create", "-f", "-")).Ok();
        (await K.RunAsync("-n", ns, "patch", "widget", "s", "--subresource=status", "--type=merge", "-p", "{\"status\":{\"phase\":\"Ready\",\"replicas\":1}}")).Ok();
        (await K.RunAsync("-n", ns, "patch", "widget", "s", "--type=merge", "-p", "{\"status\":{\"phase\":\"Ignored\"}}")).Ok();
        var w = await _cluster.GetJsonAsync("-n", ns, "get", "widget", "s");
        Assert.Equal("Ready", w["status"]!["phase"]!.GetValue<string>());
        (await K.RunAsync("-n", ns, "scale", "widget", "s", "--replicas=4")).Ok();
        var scaled = await _cluster.GetJsonAsync("-n", ns, "get", "widget", "s");
        Assert.Equal(4, scaled["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Served_versions_are_all_readable()
    {
        await EnsureCrdAsync();
        var ns = await _cluster.NamespaceAsync("crver");
        (await K.RunWithInputAsync(Widget("v", "  color: red\n"), "-n", ns, "create", "-f", "-")).Ok();
        var beta = await _cluster.GetJsonAsync("-n", ns, "get", "widgets.v1beta1.example.com", "v");
        Assert.Equal("example.com/v1beta1", beta["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_a_crd_deletes_its_objects_and_its_kind()
    {
        const string other = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: gadgets.example.org
            spec:
              group: example.org
              scope: Cluster
              names: {plural: gadgets, singular: gadget, kind: Gadget}
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
            """;
        (await K.RunWithInputAsync(other, "apply", "-f", "-")).Ok();
        (await K.RunAsync("wait", "--for=condition=Established", "crd/gadgets.example.org", "--timeout=10s")).Ok();
        (await K.RunWithInputAsync("apiVersion: example.org/v1\nkind: Gadget\nmetadata:\n  name: g1\nspec: {a: 1}\n", "create", "-f", "-")).Ok();
        (await K.RunAsync("delete", "crd", "gadgets.example.org", "--timeout=20s")).Ok();
        (await K.RunAsync("get", "crd", "gadgets.example.org")).Fails("not found");
        // kubectl may still have the kind in its discovery cache; the server itself no longer serves it.
        (await K.RunAsync("get", "gadgets")).Fails("the server");
    }
}
