using Gyre.Api.Kustomize;
using Gyre.Manifests;

namespace Gyre.Api.Tests;

public sealed class KustomizationSpecTests
{
    private static KubeObject Parse(string spec) => KubeObject.Parse($"""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: apps
          namespace: flux-system
        spec:
        {spec}
        """);

    [Fact]
    public void Reads_the_whole_spec_with_namespaces_defaulting_to_the_Kustomizations()
    {
        var spec = KustomizationSpec.From(Parse("""
              interval: 10m
              retryInterval: 1m30s
              path: ./apps
              prune: true
              deletionPolicy: Orphan
              sourceRef: {kind: GitRepository, name: fleet}
              dependsOn: [{name: infra}, {name: crds, namespace: other}]
              healthChecks: [{apiVersion: apps/v1, kind: Deployment, name: web, namespace: apps}]
              targetNamespace: apps
              namePrefix: p-
              commonMetadata: {labels: {team: a}}
              postBuild:
                substitute: {cluster: prod}
                substituteFrom: [{kind: ConfigMap, name: settings, optional: true}]
              wait: true
            """));

        Assert.Equal(new SourceReference("source.toolkit.fluxcd.io/v1", "GitRepository", "fleet", "flux-system"), spec.SourceRef);
        Assert.Equal(TimeSpan.FromMinutes(10), spec.Interval);
        Assert.Equal(TimeSpan.FromSeconds(90), spec.EffectiveRetryInterval);
        Assert.Equal(TimeSpan.FromMinutes(9.5), spec.EffectiveTimeout);
        Assert.True(spec.Prune);
        Assert.True(spec.Wait);
        Assert.Equal(DeletionPolicy.Orphan, spec.DeletionPolicy);
        Assert.Equal([new DependencyReference("flux-system", "infra"), new DependencyReference("other", "crds")], spec.DependsOn);
        Assert.Equal("apps", Assert.Single(spec.HealthChecks).Namespace);
        Assert.Equal("a", spec.CommonLabels["team"]);
        Assert.Equal("prod", spec.PostBuild!.Substitute["cluster"]);
        Assert.True(Assert.Single(spec.PostBuild.SubstituteFrom).Optional);
    }

    [Fact]
    public void Timeout_defaults_to_at_least_thirty_seconds_as_kustomize_controller_computes_it()
    {
        var spec = KustomizationSpec.From(Parse("  interval: 45s\n  prune: false\n  sourceRef: {kind: GitRepository, name: fleet}\n"));

        Assert.Equal(TimeSpan.FromSeconds(30), spec.EffectiveTimeout);
        Assert.Equal(TimeSpan.FromSeconds(45), spec.EffectiveRetryInterval);
    }

    [Theory]
    [InlineData("  interval: 10 minutes\n  prune: true\n  sourceRef: {kind: GitRepository, name: fleet}\n", "Kustomization/flux-system/apps: spec.interval: '10 minutes' is not a duration")]
    [InlineData("  interval: 1m\n  prune: true\n", "Kustomization/flux-system/apps: spec.sourceRef: is required")]
    [InlineData("  interval: 1m\n  prune: true\n  sourceRef: {kind: HelmRepository, name: x}\n", "spec.sourceRef.kind: 'HelmRepository' is not one of")]
    [InlineData("  interval: 1m\n  prune: true\n  sourceRef: {kind: GitRepository, name: x}\n  deletionPolicy: Never\n", "spec.deletionPolicy: 'Never' is not one of")]
    public void Invalid_specs_name_the_object_and_the_field(string spec, string expected)
    {
        var ex = Assert.Throws<ApiException>(() => KustomizationSpec.From(Parse(spec)));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
