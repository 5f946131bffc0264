using Gyre.Api.Source;
using Gyre.Manifests;

namespace Gyre.Api.Tests;

public sealed class SourceSpecTests
{
    private static KubeObject Parse(string kind, string spec) => KubeObject.Parse($"""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: {kind}
        metadata:
          name: podinfo
          namespace: flux-system
        spec:
        {spec}
        """);

    [Fact]
    public void Reads_a_full_OCIRepository_spec()
    {
        var spec = OciRepositorySpec.From(Parse("OCIRepository", """
              interval: 5m
              timeout: 30s
              url: oci://ghcr.io/stefanprodan/manifests/podinfo
              ref: {semver: ">=6.0.0", semverFilter: ".*-rc.*", tag: latest}
              layerSelector: {mediaType: application/vnd.cncf.flux.content.v1.tar+gzip, operation: copy}
              secretRef: {name: regcred}
              serviceAccountName: puller
              certSecretRef: {name: tls}
              proxySecretRef: {name: proxy}
              ignore: "*.md"
              insecure: true
            """));

        Assert.Equal("oci://ghcr.io/stefanprodan/manifests/podinfo", spec.Url);
        Assert.Equal(TimeSpan.FromMinutes(5), spec.Interval);
        Assert.Equal(TimeSpan.FromSeconds(30), spec.Timeout);
        Assert.Equal((">=6.0.0", ".*-rc.*", "latest"), (spec.Semver, spec.SemverFilter, spec.Tag));
        Assert.Equal(("application/vnd.cncf.flux.content.v1.tar+gzip", "copy"), (spec.LayerMediaType, spec.LayerOperation));
        Assert.Equal(("regcred", "puller", "tls", "proxy"), (spec.SecretRef, spec.ServiceAccountName, spec.CertSecretRef, spec.ProxySecretRef));
        Assert.Equal("*.md", spec.Ignore);
        Assert.True(spec.Insecure);
        Assert.Equal("generic", spec.Provider);
        Assert.Null(spec.VerifyProvider);
    }

    [Theory]
    [InlineData("url: https://ghcr.io/app", "spec.url")]
    [InlineData("url: oci://ghcr.io/app\n  layerSelector: {operation: unpack}", "spec.layerSelector.operation")]
    [InlineData("url: oci://ghcr.io/app\n  ref: {digest: sha256:abc}", "spec.ref.digest")]
    [InlineData("url: oci://ghcr.io/app\n  provider: ibm", "spec.provider")]
    public void Rejects_an_invalid_OCIRepository_field_by_name(string fields, string field)
    {
        var ex = Assert.Throws<ApiException>(() => OciRepositorySpec.From(Parse("OCIRepository", "  interval: 1m\n  " + fields)));
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_OCIRepository_verify_block_defaults_to_cosign()
    {
        var spec = OciRepositorySpec.From(Parse("OCIRepository", "  interval: 1m\n  url: oci://ghcr.io/app\n  verify: {secretRef: {name: keys}}"));
        Assert.Equal("cosign", spec.VerifyProvider);
    }

    [Fact]
    public void Reads_a_HelmRepository_with_Flux_defaults()
    {
        var spec = HelmRepositorySpec.From(Parse("HelmRepository", "  url: https://charts.example.com\n  passCredentials: true\n  certSecretRef: {name: ca}"));

        Assert.Equal(("default", TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(60)), (spec.Type, spec.Interval, spec.Timeout));
        Assert.True(spec.PassCredentials);
        Assert.Equal("ca", spec.CertSecretRef);
    }

    [Theory]
    [InlineData("url: oci://ghcr.io/charts", "spec.url")]
    [InlineData("url: https://charts.example.com\n  type: oci", "spec.url")]
    [InlineData("url: https://charts.example.com\n  type: git", "spec.type")]
    public void Rejects_a_HelmRepository_url_that_does_not_fit_its_type(string fields, string field)
    {
        var ex = Assert.Throws<ApiException>(() => HelmRepositorySpec.From(Parse("HelmRepository", "  " + fields)));
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_GitRepository_include_proxy_and_verify()
    {
        var spec = GitRepositorySpec.From(Parse("GitRepository", """
              interval: 1m
              url: https://github.com/org/app
              proxySecretRef: {name: proxy}
              include: [{repository: {name: lib}, fromPath: deploy}, {repository: {name: crds}, toPath: vendor/crds}]
              verify: {secretRef: {name: keys}}
            """));

        Assert.Equal("proxy", spec.ProxySecretRef);
        Assert.Equal([new GitRepositoryInclude("lib", "deploy", null), new GitRepositoryInclude("crds", "", "vendor/crds")], spec.Include);
        Assert.Equal(("HEAD", "keys"), (spec.VerifyMode, spec.VerifySecretRef));
    }

    [Fact]
    public void Rejects_a_GitRepository_verify_without_keys()
    {
        var ex = Assert.Throws<ApiException>(() => GitRepositorySpec.From(Parse("GitRepository", "  interval: 1m\n  url: https://g/a\n  verify: {mode: Tag}")));
        Assert.Contains("spec.verify.secretRef.name", ex.Message, StringComparison.Ordinal);
    }
}
