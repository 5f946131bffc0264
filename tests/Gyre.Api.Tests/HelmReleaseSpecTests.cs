using Gyre.Api.Helm;
using Gyre.Manifests;

namespace Gyre.Api.Tests;

public sealed class HelmReleaseSpecTests
{
    private static KubeObject Parse(string spec) => KubeObject.Parse($"""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: podinfo
          namespace: apps
        spec:
        {spec}
        """);

    [Fact]
    public void Reads_chart_values_and_remediation_with_Fluxs_defaults()
    {
        var spec = HelmReleaseSpec.From(Parse("""
              interval: 5m
              chart:
                spec:
                  chart: podinfo
                  version: ">=6.0.0"
                  sourceRef: {kind: HelmRepository, name: podinfo, namespace: flux-system}
              valuesFrom: [{kind: ConfigMap, name: values}, {kind: Secret, name: s, valuesKey: v.yaml, targetPath: a.b, optional: true}]
              values: {replicaCount: 2}
              upgrade: {remediation: {retries: 3}}
            """));

        Assert.Equal(("podinfo", "apps", "apps"), (spec.ReleaseName, spec.TargetNamespace, spec.StorageNamespace));
        Assert.Equal(("podinfo", ">=6.0.0", "HelmRepository", "podinfo", "flux-system"),
            (spec.Chart!.Chart, spec.Chart.Version, spec.Chart.SourceKind, spec.Chart.SourceName, spec.Chart.SourceNamespace));
        Assert.Equal(TimeSpan.FromMinutes(5), spec.Timeout);
        Assert.Equal(5, spec.MaxHistory);
        Assert.Equal([new ValuesReference("ConfigMap", "values", "values.yaml", null, false), new ValuesReference("Secret", "s", "v.yaml", "a.b", true)], spec.ValuesFrom);
        Assert.Equal((CrdsPolicy.Create, CrdsPolicy.Skip), (spec.Install.Crds, spec.Upgrade.Crds));
        Assert.Equal((3, true, "rollback"), (spec.Upgrade.Retries, spec.Upgrade.RemediateLastFailure, spec.Upgrade.Strategy));
        Assert.Equal((0, false), (spec.Install.Retries, spec.Install.RemediateLastFailure));
    }

    // helm-controller's release name: [targetNamespace-]name, shortened past 53 characters to 40 + "-" + 12 hex of its sha256.
    [Theory]
    [InlineData(null, null, "podinfo", "podinfo")]
    [InlineData(null, "prod", "podinfo", "prod-podinfo")]
    [InlineData("custom", "prod", "podinfo", "custom")]
    [InlineData(null, "a-very-long-target-namespace-name-for-testing", "and-a-long-release", "a-very-long-target-namespace-name-for-te-a129767e5588")]
    public void The_release_name_follows_helm_controller(string? releaseName, string? targetNamespace, string name, string expected) =>
        Assert.Equal(expected, HelmReleaseSpec.ReleaseNameOf(releaseName, targetNamespace, name));

    [Fact]
    public void Chart_and_chartRef_together_are_refused_naming_the_field()
    {
        var ex = Assert.Throws<ApiException>(() => HelmReleaseSpec.From(Parse("""
              interval: 5m
              chartRef: {kind: OCIRepository, name: podinfo}
              chart: {spec: {chart: podinfo, sourceRef: {kind: HelmRepository, name: podinfo}}}
            """)));

        Assert.Equal("HelmRelease/apps/podinfo: spec: exactly one of spec.chart and spec.chartRef must be set", ex.Message);
    }

    [Fact]
    public void Reads_the_wait_and_post_render_knobs_with_Fluxs_defaults()
    {
        var defaults = HelmReleaseSpec.From(Parse("  interval: 5m\n  chartRef: {kind: HelmChart, name: c}\n"));
        Assert.Equal((WaitStrategy.Poller, PostRenderStrategy.Combined, true), (defaults.WaitStrategy, defaults.PostRenderStrategy, defaults.PersistentClient));
        Assert.Empty(defaults.HealthCheckExprs);
        Assert.False(defaults.Install.DisableWaitForJobs || defaults.Install.DisableSchemaValidation || defaults.Install.DisableOpenApiValidation);

        var spec = HelmReleaseSpec.From(Parse("""
              interval: 5m
              chartRef: {kind: HelmChart, name: c}
              persistentClient: false
              waitStrategy: {name: legacy}
              postRenderStrategy: nohooks
              healthCheckExprs: [{apiVersion: example.com/v1, kind: Widget, current: "status.ok", failed: "status.bad"}]
              install: {disableWaitForJobs: true, disableSchemaValidation: true}
              upgrade: {disableOpenAPIValidation: true}
            """));
        Assert.Equal((WaitStrategy.Legacy, PostRenderStrategy.NoHooks, false), (spec.WaitStrategy, spec.PostRenderStrategy, spec.PersistentClient));
        Assert.Equal([new Gyre.Api.Kustomize.CustomHealthCheck("example.com/v1", "Widget", "status.ok", null, "status.bad")], spec.HealthCheckExprs);
        Assert.Equal((true, true, false), (spec.Install.DisableWaitForJobs, spec.Install.DisableSchemaValidation, spec.Install.DisableOpenApiValidation));
        Assert.Equal((false, false, true), (spec.Upgrade.DisableWaitForJobs, spec.Upgrade.DisableSchemaValidation, spec.Upgrade.DisableOpenApiValidation));
    }

    [Theory]
    [InlineData("waitStrategy: {name: fast}", "spec.waitStrategy.name")]
    [InlineData("postRenderStrategy: all", "spec.postRenderStrategy")]
    [InlineData("healthCheckExprs: [{apiVersion: v1, kind: ConfigMap}]", "spec.healthCheckExprs[0].current")]
    public void Refuses_unknown_strategies_and_incomplete_health_checks(string field, string path)
    {
        var ex = Assert.Throws<ApiException>(() => HelmReleaseSpec.From(Parse($"  interval: 5m\n  chartRef: {{kind: HelmChart, name: c}}\n  {field}\n")));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }
}
