using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>spec.postRenderers (kustomize patches and images) and spec.commonMetadata shape what a release applies and stores.</summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmReleasePostRenderTests(ControllersFixture rig)
{
    private const string PostRenderers = """
          postRenderers:
          - kustomize:
              patches:
              - patch: |
                  apiVersion: apps/v1
                  kind: Deployment
                  metadata:
                    name: web
                    annotations:
                      patched-by: strategic-merge
              - target:
                  kind: ConfigMap
                  name: web-config
                patch: |
                  - op: replace
                    path: /data/message
                    value: MESSAGE
              images:
              - name: ghcr.io/stefanprodan/podinfo
                newTag: 6.6.0
          commonMetadata:
            labels:
              team: blue
            annotations:
              owner: ops
        """;

    [Fact]
    public async Task Post_renderers_and_common_metadata_are_applied_to_the_release_objects_hooks_and_stored_manifest()
    {
        var files = HelmTestCharts.Podinfo("1.0.0");
        files["templates/tests/test.yaml"] = HelmTestCharts.TestJob;
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-post", ("podinfo", "1.0.0", files));
        await using var _ = repo;

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", "  test:\n    enable: true\n" + PostRenderers.Replace("MESSAGE", "patched", StringComparison.Ordinal)));

        await rig.WaitForReleaseReadyAsync(ns, "web", "True");
        var deployment = (await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!;
        Assert.Equal("strategic-merge", deployment.GetAnnotation("patched-by"));
        Assert.Equal("ghcr.io/stefanprodan/podinfo:6.6.0", (string?)deployment.Json["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Equal(("blue", "ops"), (deployment.GetLabel("team"), deployment.GetAnnotation("owner")));
        Assert.Equal("blue", (string?)deployment.Json["spec"]!["template"]!["metadata"]!["labels"]!["team"]);
        Assert.Null(deployment.Json["spec"]!["selector"]!["matchLabels"]!["team"]);
        Assert.Equal("web", deployment.GetLabel("helm.toolkit.fluxcd.io/name"));
        var config = (await rig.GetAsync("v1", "ConfigMap", ns, "web-config"))!;
        Assert.Equal(("patched", "blue"), ((string?)config.Json["data"]!["message"], config.GetLabel("team")));
        Assert.Null(config.GetAnnotation("gyre.io/post-render-origin"));
        var release = await rig.StoredReleaseAsync(ns, "web", 1);
        Assert.Contains("# Source: podinfo/templates/configmap.yaml\n", release.Manifest, StringComparison.Ordinal);
        Assert.Contains("message: patched", release.Manifest, StringComparison.Ordinal);
        Assert.Contains("team: blue", Assert.Single(release.Hooks).Manifest, StringComparison.Ordinal);
        var status = (await rig.HelmReleaseAsync(ns, "web"))!.Json["status"]!;
        Assert.StartsWith("sha256:", (string?)status["observedPostRenderersDigest"], StringComparison.Ordinal);
        Assert.StartsWith("sha256:", (string?)status["observedCommonMetadataDigest"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_only_the_post_renderers_upgrades_the_release()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-post-up", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", PostRenderers.Replace("MESSAGE", "first", StringComparison.Ordinal)));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");
        var digest = (string?)(await rig.HelmReleaseAsync(ns, "web"))!.Json["status"]!["observedPostRenderersDigest"];

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", PostRenderers.Replace("MESSAGE", "second", StringComparison.Ordinal)));

        await rig.WaitForReleaseReadyAsync(ns, "web", "True", "UpgradeSucceeded");
        Assert.Equal("second", (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "web-config"))!.Json["data"]!["message"]);
        Assert.Equal("deployed", (await rig.StoredReleaseAsync(ns, "web", 2)).Info.Status);
        Assert.NotEqual(digest, (string?)(await rig.HelmReleaseAsync(ns, "web"))!.Json["status"]!["observedPostRenderersDigest"]);
    }

    [Fact]
    public async Task A_post_renderer_patch_that_does_not_apply_fails_the_install_naming_the_renderer()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-post-bad", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", """
              postRenderers:
              - kustomize:
                  patches:
                  - target:
                      kind: ConfigMap
                    patch: |
                      - op: replace
                        path: /data/absent/deeper
                        value: x
            """));

        var ready = await rig.WaitForReleaseReadyAsync(ns, "web", "False", "InstallFailed");
        Assert.Contains("spec.postRenderers[0].kustomize: post-render failed:", (string?)ready["message"], StringComparison.Ordinal);
        Assert.Null(await rig.GetAsync("apps/v1", "Deployment", ns, "web"));
    }
}
