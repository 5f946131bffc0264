using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>What happens between rendering and applying: postRenderStrategy, disableSchemaValidation, disableOpenAPIValidation.</summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmReleaseRenderOptionsTests(ControllersFixture rig)
{
    // Labels every ConfigMap, whether a template or a hook.
    private const string LabelConfigMaps = """
          postRenderers:
          - kustomize:
              patches:
              - target:
                  kind: ConfigMap
                patch: |
                  apiVersion: v1
                  kind: ConfigMap
                  metadata:
                    name: any
                    labels:
                      post-rendered: "yes"
        """;

    // A strategic merge patch without a target: it must find its Deployment in every stream it is given.
    private const string PatchDeployment = """
          postRenderers:
          - kustomize:
              patches:
              - patch: |
                  apiVersion: apps/v1
                  kind: Deployment
                  metadata:
                    name: {0}
                  spec:
                    replicas: 2
        """;

    private static Dictionary<string, string> ChartWithHook()
    {
        var files = HelmTestCharts.Podinfo("1.0.0");
        files["templates/hook.yaml"] = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-hook
              annotations:
                helm.sh/hook: pre-install
            data:
              k: v
            """;
        return files;
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("combined", true)]
    [InlineData("separate", true)]
    [InlineData("nohooks", false)]
    public async Task PostRenderStrategy_decides_whether_hooks_go_through_the_post_renderers(string strategy, bool hooksRendered)
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-prs-" + (strategy.Length == 0 ? "default" : strategy), ("podinfo", "1.0.0", ChartWithHook()));
        await using var _ = repo;
        var extra = (strategy.Length == 0 ? string.Empty : $"  postRenderStrategy: {strategy}\n") + LabelConfigMaps;

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", extra));

        await rig.WaitForReleaseReadyAsync(ns, "web", "True");
        var template = (await rig.GetAsync("v1", "ConfigMap", ns, "web-config"))!;
        var hook = (await rig.GetAsync("v1", "ConfigMap", ns, "web-hook"))!;
        Assert.Equal("yes", (string?)template.Json["metadata"]!["labels"]!["post-rendered"]);
        Assert.Equal(hooksRendered ? "yes" : null, (string?)hook.Json["metadata"]!["labels"]?["post-rendered"]);
        var stored = (await rig.StoredReleaseAsync(ns, "web", 1)).Hooks.Single();
        Assert.Equal(hooksRendered, stored.Manifest.Contains("post-rendered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_separate_strategy_runs_the_post_renderers_on_the_hooks_alone()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-prs-sep", ("podinfo", "1.0.0", ChartWithHook()));
        await using var _ = repo;

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "combined", "1.0.0", PatchDeployment.Replace("{0}", "combined", StringComparison.Ordinal)));
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "separate", "1.0.0",
            "  postRenderStrategy: separate\n" + PatchDeployment.Replace("{0}", "separate", StringComparison.Ordinal)));

        await rig.WaitForReleaseReadyAsync(ns, "combined", "True");
        Assert.Equal(2, (int?)(await rig.GetAsync("apps/v1", "Deployment", ns, "combined"))!.Json["spec"]!["replicas"]);
        var failed = await rig.WaitForReleaseReadyAsync(ns, "separate", "False", "InstallFailed");
        Assert.Contains("spec.postRenderers[0].kustomize: post-render failed", (string?)failed["message"], StringComparison.Ordinal);
        Assert.Null(await rig.GetAsync("apps/v1", "Deployment", ns, "separate"));
    }

    [Fact]
    public async Task DisableSchemaValidation_skips_the_chart_values_schema()
    {
        var files = HelmTestCharts.Podinfo("1.0.0");
        files["values.schema.json"] = """{"type": "object", "properties": {"message": {"type": "string", "maxLength": 5}}}""";
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-schema", ("podinfo", "1.0.0", files));
        await using var _ = repo;
        const string Values = "  values:\n    message: far too long\n";

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "checked", "1.0.0", Values));
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "unchecked", "1.0.0", Values + "  install:\n    disableSchemaValidation: true\n"));

        await rig.WaitForReleaseReadyAsync(ns, "unchecked", "True");
        Assert.Equal("far too long", (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "unchecked-config"))!.Json["data"]!["message"]);
        var failed = await rig.WaitForReleaseReadyAsync(ns, "checked", "False", "InstallFailed");
        Assert.Contains("values don't meet the specifications of the schema(s)", (string?)failed["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisableOpenAPIValidation_applies_objects_with_fields_the_cluster_does_not_know()
    {
        var files = HelmTestCharts.Podinfo("1.0.0");
        files["templates/extra.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-extra\nbogus: field\ndata:\n  k: v\n";
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-openapi", ("podinfo", "1.0.0", files));
        await using var _ = repo;

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "checked", "1.0.0"));
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "unchecked", "1.0.0", "  install:\n    disableOpenAPIValidation: true\n"));

        await rig.WaitForReleaseReadyAsync(ns, "unchecked", "True");
        Assert.Equal("v", (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "unchecked-extra"))!.Json["data"]!["k"]);
        var failed = await rig.WaitForReleaseReadyAsync(ns, "checked", "False", "InstallFailed");
        Assert.Contains("unknown field \"bogus\"", (string?)failed["message"], StringComparison.Ordinal);
        Assert.Null(await rig.GetAsync("v1", "ConfigMap", ns, "checked-extra"));
    }
}
