using Gyre.Controllers.Tests.Support;
using Gyre.Helm.Storage;

namespace Gyre.Controllers.Tests;

/// <summary>Release knobs: upgrade.cleanupOnFail and test.filters.</summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmReleaseOptionsTests(ControllersFixture rig)
{
    [Fact]
    public async Task A_failed_upgrade_with_cleanupOnFail_deletes_the_objects_it_created_and_keeps_the_rest()
    {
        var extended = HelmTestCharts.Podinfo("1.1.0");
        extended["templates/extra.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-extra\ndata:\n  k: v\n";
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-cleanup", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")), ("podinfo", "1.1.0", extended));
        await using var _ = repo;
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", "  upgrade:\n    cleanupOnFail: true\n"));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.1.0",
            "  upgrade:\n    cleanupOnFail: true\n  values:\n    replicaCount: 2\n    deploymentAnnotations:\n      gyre.io/simulate: fail\n"));

        await rig.WaitForReleaseReadyAsync(ns, "web", "False", "UpgradeFailed", 90);
        Assert.Equal(ReleaseStatus.Failed, (await rig.StoredReleaseAsync(ns, "web", 2)).Info.Status);
        Assert.Null(await rig.GetAsync("v1", "ConfigMap", ns, "web-extra"));
        Assert.NotNull(await rig.GetAsync("v1", "ConfigMap", ns, "web-config"));
    }

    [Fact]
    public async Task A_failed_upgrade_without_cleanupOnFail_leaves_what_it_created()
    {
        var extended = HelmTestCharts.Podinfo("1.1.0");
        extended["templates/extra.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-extra\ndata:\n  k: v\n";
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-nocleanup", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")), ("podinfo", "1.1.0", extended));
        await using var _ = repo;
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0"));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.1.0", "  values:\n    replicaCount: 2\n    deploymentAnnotations:\n      gyre.io/simulate: fail\n"));

        await rig.WaitForReleaseReadyAsync(ns, "web", "False", "UpgradeFailed", 90);
        Assert.NotNull(await rig.GetAsync("v1", "ConfigMap", ns, "web-extra"));
    }

    [Fact]
    public async Task Test_filters_skip_the_excluded_test_hooks()
    {
        var files = HelmTestCharts.Podinfo("1.0.0");
        files["templates/tests/test.yaml"] = HelmTestCharts.TestJob;
        files["templates/tests/smoke.yaml"] = HelmTestCharts.TestJob.Replace("{{ .Release.Name }}-test", "{{ .Release.Name }}-smoke", StringComparison.Ordinal);
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-filter", ("podinfo", "1.0.0", files));
        await using var _ = repo;

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", "  test:\n    enable: true\n    filters:\n    - name: web-smoke\n      exclude: true\n"));

        await rig.WaitForReleaseReadyAsync(ns, "web", "True");
        var hooks = (await rig.StoredReleaseAsync(ns, "web", 1)).Hooks.ToDictionary(h => h.Name);
        Assert.Equal(HookExecution.Succeeded, hooks["web-test"].LastRun.Phase);
        Assert.Null(hooks["web-smoke"].LastRun.StartedAt);
        Assert.Null(await rig.GetAsync("batch/v1", "Job", ns, "web-smoke"));
        var success = HelmReleaseSteps.Condition(await rig.HelmReleaseAsync(ns, "web"), "TestSuccess")!;
        Assert.EndsWith(": 1 test hooks completed successfully", (string?)success["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uninstall_with_orphan_propagation_leaves_the_dependents_of_the_deleted_objects()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-orphan", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", "  uninstall:\n    deletionPropagation: orphan\n"));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");
        var uid = (await rig.GetAsync("v1", "ConfigMap", ns, "web-config"))!.Json["metadata"]!["uid"]!.GetValue<string>();
        await rig.ApplyAsync($"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: child
              namespace: {ns}
              ownerReferences:
              - apiVersion: v1
                kind: ConfigMap
                name: web-config
                uid: {uid}
            data:
              k: v
            """);

        await rig.Kubectl.RunAsync(null, "delete", "helmrelease", "web", "-n", ns, "--wait=false");

        await rig.Until(async () => await rig.HelmReleaseAsync(ns, "web") is null && await rig.GetAsync("v1", "ConfigMap", ns, "web-config") is null,
            "the release's ConfigMap to be deleted");
        var child = await rig.GetAsync("v1", "ConfigMap", ns, "child");
        Assert.NotNull(child);
        await rig.Until(async () => (await rig.GetAsync("v1", "ConfigMap", ns, "child"))!.Json["metadata"]!["ownerReferences"] is null or System.Text.Json.Nodes.JsonArray { Count: 0 },
            "the orphaned ConfigMap's owner reference to be removed");
    }
}
