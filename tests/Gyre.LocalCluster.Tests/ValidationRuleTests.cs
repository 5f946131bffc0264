namespace Gyre.LocalCluster.Tests;

/// <summary>
/// CRD validation rules (x-kubernetes-validations, CEL) enforced on create and update with 422 Invalid naming the
/// field, as kube-apiserver does: message, messageExpression, fieldPath, reason, transition rules with oldSelf,
/// ratcheting of unchanged values, and rules that do not compile refused with the CRD.
/// </summary>
public sealed class ValidationRuleTests : IClassFixture<ClusterFixture>
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: gizmos.cel.example.com}
        spec:
          group: cel.example.com
          scope: Namespaced
          names: {plural: gizmos, singular: gizmo, kind: Gizmo}
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
                    x-kubernetes-validations:
                    - {rule: "self.min <= self.max", message: "min must not exceed max"}
                    - {rule: "self.mode == oldSelf.mode", message: "mode is immutable", reason: FieldValueForbidden, fieldPath: ".mode"}
                    - rule: "!has(self.replicas) || self.replicas < 10"
                      messageExpression: "'replicas must be below 10, got ' + string(self.replicas)"
                      fieldPath: ".replicas"
                    properties:
                      min: {type: integer}
                      max: {type: integer}
                      mode: {type: string}
                      replicas: {type: integer}
                      name:
                        type: string
                        x-kubernetes-validations: [{rule: "self.startsWith('g-')"}]
                      ports:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [name]
                        items:
                          type: object
                          required: [name]
                          x-kubernetes-validations: [{rule: "self.port >= oldSelf.port", message: "a port may only grow"}]
                          properties:
                            name: {type: string}
                            port: {type: integer}
        """;

    private readonly ClusterFixture _cluster;

    public ValidationRuleTests(ClusterFixture cluster) => _cluster = cluster;

    private Kubectl K => _cluster.Kubectl;

    private static string Gizmo(string ns, string spec) => $"apiVersion: cel.example.com/v1\nkind: Gizmo\nmetadata: {{name: g, namespace: {ns}}}\nspec: {spec}\n";

    [Fact]
    public async Task Rules_refuse_invalid_objects_naming_the_field_with_message_messageExpression_and_reason()
    {
        var ns = await ReadyAsync("cel");
        (await K.RunWithInputAsync(Gizmo(ns, "{min: 7, max: 5, mode: a}"), "create", "-f", "-"))
            .Fails("spec: Invalid value: \"object\": min must not exceed max");
        (await K.RunWithInputAsync(Gizmo(ns, "{min: 1, max: 5, mode: a, replicas: 12, name: x}"), "create", "-f", "-"))
            .Fails("spec.replicas: Invalid value: \"object\": replicas must be below 10, got 12");
        var both = await K.RunWithInputAsync(Gizmo(ns, "{min: 1, max: 5, mode: a, name: x}"), "create", "-f", "-");
        both.Fails("spec.name: Invalid value: \"string\": failed rule: self.startsWith('g-')");
        (await K.RunAsync("-n", ns, "get", "gizmo", "g")).Fails("not found");

        // Transition rules do not run on create; on update they compare with the stored object.
        (await K.RunWithInputAsync(Gizmo(ns, "{min: 1, max: 5, mode: a, name: g-1, ports: [{name: http, port: 80}]}"), "apply", "-f", "-")).Ok();
        (await K.RunWithInputAsync(Gizmo(ns, "{min: 1, max: 5, mode: b, name: g-1, ports: [{name: http, port: 80}]}"), "apply", "-f", "-"))
            .Fails("spec.mode: Forbidden: mode is immutable");
        (await K.RunAsync("-n", ns, "patch", "gizmo", "g", "--type=merge", "-p", "{\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":70}]}}"))
            .Fails("spec.ports[0]: Invalid value: \"object\": a port may only grow");
        (await K.RunAsync("-n", ns, "patch", "gizmo", "g", "--type=merge", "-p", "{\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":90},{\"name\":\"new\",\"port\":1}]}}")).Ok();
        (await K.RunWithInputAsync(Gizmo(ns, "{min: 9, max: 5, mode: a, name: g-1}"), "apply", "--server-side", "--force-conflicts", "-f", "-"))
            .Fails("min must not exceed max");
        (await K.RunWithInputAsync(Gizmo(ns, "{min: 2, max: 5, mode: a, name: g-2}"), "apply", "--dry-run=server", "-f", "-")).Ok();
        Assert.Equal(1, (await _cluster.GetJsonAsync("-n", ns, "get", "gizmo", "g"))["spec"]!["min"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_rule_that_does_not_compile_is_refused_with_the_CRD()
    {
        (await K.RunWithInputAsync(Crd, "apply", "-f", "-")).Ok();
        (await K.RunAsync("patch", "crd", "gizmos.cel.example.com", "--type=json", "-p",
            "[{\"op\":\"add\",\"path\":\"/spec/versions/0/schema/openAPIV3Schema/properties/spec/x-kubernetes-validations/-\",\"value\":{\"rule\":\"self.min <\"}}]"))
            .Fails("spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[3].rule: Invalid value: \"self.min <\": compilation failed");
        (await K.RunAsync("patch", "crd", "gizmos.cel.example.com", "--type=json", "-p",
            "[{\"op\":\"add\",\"path\":\"/spec/versions/0/schema/openAPIV3Schema/properties/spec/x-kubernetes-validations/-\",\"value\":{\"rule\":\"true\",\"reason\":\"Nope\"}}]"))
            .Fails("Unsupported value: \"Nope\"");
    }

    [Fact]
    public async Task Flux_HelmRelease_rule_requires_either_chart_or_chartRef()
    {
        // Gyre's HelmRelease CRD with the rule helm-controller's API declares on HelmReleaseSpec (kubebuilder XValidation).
        var crd = Path.Combine(AppContext.BaseDirectory, "testdata", "flux", "helmreleases.helm.toolkit.fluxcd.io.yaml");
        (await K.RunAsync("apply", "--server-side", "-f", crd)).Ok();
        (await K.RunAsync("patch", "crd", "helmreleases.helm.toolkit.fluxcd.io", "--type=json", "-p",
            "[{\"op\":\"add\",\"path\":\"/spec/versions/0/schema/openAPIV3Schema/properties/spec/x-kubernetes-validations\",\"value\":[{\"rule\":\"(has(self.chart) && !has(self.chartRef)) || (!has(self.chart) && has(self.chartRef))\",\"message\":\"either chart or chartRef must be set\"}]}]")).Ok();
        var ns = await _cluster.NamespaceAsync("hr");
        await ClusterFixture.EventuallyAsync(async () => (await K.RunAsync("-n", ns, "get", "helmreleases")).ExitCode == 0, "HelmRelease to be served");
        const string Head = "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: podinfo}\nspec:\n  interval: 5m\n";
        (await K.RunWithInputAsync(Head, "-n", ns, "apply", "-f", "-"))
            .Fails("spec: Invalid value: \"object\": either chart or chartRef must be set");
        (await K.RunWithInputAsync(Head + "  chart: {spec: {chart: podinfo, sourceRef: {kind: HelmRepository, name: podinfo}}}\n  chartRef: {kind: OCIRepository, name: podinfo}\n", "-n", ns, "apply", "-f", "-"))
            .Fails("either chart or chartRef must be set");
        (await K.RunWithInputAsync(Head + "  chartRef: {kind: OCIRepository, name: podinfo}\n", "-n", ns, "apply", "-f", "-")).Ok();
    }

    [Fact]
    public async Task Unchanged_values_are_not_rechecked_when_a_rule_is_added_later()
    {
        var ns = await ReadyAsync("ratchet");
        (await K.RunWithInputAsync(Gizmo(ns, "{min: 1, max: 5, mode: a, name: g-1, replicas: 3}"), "apply", "-f", "-")).Ok();
        (await K.RunAsync("patch", "crd", "gizmos.cel.example.com", "--type=json", "-p",
            "[{\"op\":\"add\",\"path\":\"/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/replicas/x-kubernetes-validations\",\"value\":[{\"rule\":\"self % 2 == 0\",\"message\":\"replicas must be even\"}]}]")).Ok();
        await ClusterFixture.EventuallyAsync(
            async () => (await K.RunAsync("-n", ns, "patch", "gizmo", "g", "--dry-run=server", "--type=merge", "-p", "{\"spec\":{\"replicas\":5}}")).Error.Contains("replicas must be even", StringComparison.Ordinal),
            "the new rule to apply");
        (await K.RunAsync("-n", ns, "patch", "gizmo", "g", "--type=merge", "-p", "{\"spec\":{\"max\":6}}")).Ok();
        (await K.RunAsync("-n", ns, "patch", "gizmo", "g", "--type=merge", "-p", "{\"spec\":{\"replicas\":4}}")).Ok();
        await RemoveRuleAsync();
    }

    private async Task<string> ReadyAsync(string prefix)
    {
        (await K.RunWithInputAsync(Crd, "apply", "-f", "-")).Ok();
        var ns = await _cluster.NamespaceAsync(prefix);
        await ClusterFixture.EventuallyAsync(async () => (await K.RunAsync("-n", ns, "get", "gizmos")).ExitCode == 0, "Gizmo to be served");
        return ns;
    }

    private async Task RemoveRuleAsync() =>
        (await K.RunAsync("patch", "crd", "gizmos.cel.example.com", "--type=json", "-p",
            "[{\"op\":\"remove\",\"path\":\"/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/replicas/x-kubernetes-validations\"}]")).Ok();
}
