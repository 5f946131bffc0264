using Gyre.Controllers.Tests.Support;
using Gyre.Helm.Storage;

namespace Gyre.Controllers.Tests;

/// <summary>spec.rollback: the knobs of the rollback that upgrade remediation runs (hooks, cleanupOnFail).</summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmReleaseRollbackTests(ControllersFixture rig)
{
    private const string Remediation = "  upgrade:\n    remediation:\n      remediateLastFailure: true\n";

    private const string FailingValues = "  values:\n    replicaCount: 2\n    deploymentAnnotations:\n      gyre.io/simulate: fail\n";

    /// <summary>A post-rollback hook Job the local cluster's simulator fails.</summary>
    private const string FailingRollbackHook = """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: {{ .Release.Name }}-after-rollback
          annotations:
            helm.sh/hook: post-rollback
            gyre.io/simulate: fail
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: hook
                image: busybox
        """;

    [Fact]
    public async Task A_rollback_whose_hook_fails_deletes_what_it_created_with_cleanupOnFail()
    {
        var (ns, repo) = await UpgradeThatFailsAsync("hr-rb-cleanup", "  rollback:\n    cleanupOnFail: true\n    timeout: 15s\n");
        await using var _ = repo;

        var hr = await WaitForRemediatedAsync(ns, "False");
        Assert.Equal("RollbackFailed", (string?)HelmReleaseSteps.Condition(hr, "Remediated")!["reason"]);
        Assert.Contains("web-after-rollback", (string?)HelmReleaseSteps.Condition(hr, "Remediated")!["message"], StringComparison.Ordinal);
        var rollback = await rig.StoredReleaseAsync(ns, "web", 3);
        Assert.Equal(ReleaseStatus.Failed, rollback.Info.Status);
        Assert.StartsWith("Rollback \"web\" failed: ", rollback.Info.Description, StringComparison.Ordinal);
        Assert.Null(await rig.GetAsync("v1", "ConfigMap", ns, "web-legacy"));
    }

    [Fact]
    public async Task A_rollback_whose_hook_fails_keeps_what_it_created_without_cleanupOnFail()
    {
        var (ns, repo) = await UpgradeThatFailsAsync("hr-rb-keep", "");
        await using var _ = repo;

        await WaitForRemediatedAsync(ns, "False");
        Assert.NotNull(await rig.GetAsync("v1", "ConfigMap", ns, "web-legacy"));
    }

    [Fact]
    public async Task A_rollback_with_disableHooks_skips_the_failing_hook_and_succeeds()
    {
        var (ns, repo) = await UpgradeThatFailsAsync("hr-rb-nohooks", "  rollback:\n    disableHooks: true\n    disableWait: true\n    recreate: true\n");
        await using var _ = repo;

        var hr = await WaitForRemediatedAsync(ns, "True");
        Assert.Equal("RollbackSucceeded", (string?)HelmReleaseSteps.Condition(hr, "Remediated")!["reason"]);
        Assert.Equal((ReleaseStatus.Deployed, "Rollback to 1"), ((await rig.StoredReleaseAsync(ns, "web", 3)).Info.Status, (await rig.StoredReleaseAsync(ns, "web", 3)).Info.Description));
        Assert.NotNull(await rig.GetAsync("v1", "ConfigMap", ns, "web-legacy"));
        Assert.Null(await rig.GetAsync("batch/v1", "Job", ns, "web-after-rollback"));
        Assert.Contains($"HelmRelease {ns}/web: spec.rollback.recreate is deprecated and has no effect", rig.Logs.Tail(int.MaxValue), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rollback_with_disableWaitForJobs_does_not_wait_for_the_Jobs_it_recreates()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-rb-jobs",
            ("podinfo", "1.0.0", HelmReleaseWaitTests.ChartWithJob()), ("podinfo", "1.1.0", HelmTestCharts.Podinfo("1.1.0")));
        await using var _ = repo;
        const string job = "  install:\n    disableWaitForJobs: true\n  values:\n    job:\n      enabled: true\n      annotations:\n        gyre.io/simulate: never-ready\n";
        const string skips = "  rollback:\n    timeout: 2s\n    disableWaitForJobs: true\n";
        const string waits = "  rollback:\n    timeout: 2s\n";
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "skips", "1.0.0", Remediation + skips + job));
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "waits", "1.0.0", Remediation + waits + job));
        await rig.WaitForReleaseReadyAsync(ns, "skips", "True");
        await rig.WaitForReleaseReadyAsync(ns, "waits", "True");

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "skips", "1.1.0", Remediation + skips + FailingValues));
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "waits", "1.1.0", Remediation + waits + FailingValues));

        Assert.Equal("RollbackSucceeded", (string?)HelmReleaseSteps.Condition(await WaitForRemediatedAsync(ns, "True", "skips"), "Remediated")!["reason"]);
        var failed = HelmReleaseSteps.Condition(await WaitForRemediatedAsync(ns, "False", "waits"), "Remediated")!;
        Assert.Equal("RollbackFailed", (string?)failed["reason"]);
        Assert.Contains($"Job/{ns}/waits-migrate", (string?)failed["message"], StringComparison.Ordinal);
    }

    /// <summary>
    /// Installs chart 1.0.0 (a ConfigMap web-legacy and a failing post-rollback hook), then upgrades to 1.1.0 (no
    /// web-legacy, a Deployment that fails), so remediation rolls back and re-creates web-legacy.
    /// </summary>
    private async Task<(string Ns, StaticHttpServer Repo)> UpgradeThatFailsAsync(string prefix, string rollback)
    {
        var first = HelmTestCharts.Podinfo("1.0.0");
        first["templates/legacy.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-legacy\ndata:\n  k: v\n";
        first["templates/hooks/rollback.yaml"] = FailingRollbackHook;
        var (ns, repo) = await rig.HelmRepositoryAsync(prefix, ("podinfo", "1.0.0", first), ("podinfo", "1.1.0", HelmTestCharts.Podinfo("1.1.0")));
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", Remediation + rollback));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.1.0", Remediation + rollback + FailingValues));
        return (ns, repo);
    }

    private async Task<Gyre.Manifests.KubeObject> WaitForRemediatedAsync(string ns, string status, string name = "web")
    {
        Gyre.Manifests.KubeObject? hr = null;
        await rig.Until(async () => HelmReleaseSteps.Condition(hr = await rig.HelmReleaseAsync(ns, name), "Remediated") is { } c && (string?)c["status"] == status
            && HelmReleaseSteps.Condition(hr, "Stalled") is not null, $"Remediated={status} and Stalled", 90);
        return hr!;
    }
}
