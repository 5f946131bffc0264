using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>How a release's objects are waited for: healthCheckExprs, waitStrategy and disableWaitForJobs.</summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmReleaseWaitTests(ControllersFixture rig)
{
    private const string HealthExprs = """
          healthCheckExprs:
          - apiVersion: v1
            kind: ConfigMap
            current: "data.message == 'hello'"
            failed: "data.message == 'broken'"
        """;

    /// <summary>The podinfo chart with a Job (values job.enabled, job.annotations) whose backoffLimit is 0.</summary>
    private static Dictionary<string, string> ChartWithJob()
    {
        var files = HelmTestCharts.Podinfo("1.0.0", "job:\n  enabled: false\n");
        files["templates/job.yaml"] = """
            {{- if .Values.job.enabled }}
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: {{ .Release.Name }}-migrate
              {{- with .Values.job.annotations }}
              annotations:
                {{- toYaml . | nindent 4 }}
              {{- end }}
            spec:
              backoffLimit: 0
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - name: migrate
                    image: busybox
            {{- end }}
            """;
        return files;
    }

    [Fact]
    public async Task HealthCheckExprs_judge_the_release_objects_of_their_kind_with_CEL()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-cel", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "good", "1.0.0", HealthExprs));
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "bad", "1.0.0", HealthExprs + "\n  values:\n    message: broken\n"));

        await rig.WaitForReleaseReadyAsync(ns, "good", "True");
        var failed = await rig.WaitForReleaseReadyAsync(ns, "bad", "False", "InstallFailed");
        Assert.Contains($"ConfigMap/{ns}/bad-config status: 'Failed'", (string?)failed["message"], StringComparison.Ordinal);
        Assert.Contains("data.message == 'broken'", (string?)failed["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_healthCheckExpr_that_does_not_compile_stalls_the_HelmRelease()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-badcel", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", HealthExprs.Replace("data.message == 'hello'", "data.message ==", StringComparison.Ordinal)));

        var ready = await rig.WaitForReleaseReadyAsync(ns, "web", "False", "InvalidCELExpression");
        Assert.StartsWith("spec.healthCheckExprs[0] (v1 ConfigMap): invalid", (string?)ready["message"], StringComparison.Ordinal);
        Assert.Equal("True", (string?)HelmReleaseSteps.Condition(await rig.HelmReleaseAsync(ns, "web"), "Stalled")!["status"]);
        Assert.Null(await rig.GetAsync("v1", "ConfigMap", ns, "web-config"));
    }

    [Fact]
    public async Task The_legacy_wait_strategy_ignores_healthCheckExprs_and_fails_on_a_failed_Job()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-legacy", ("podinfo", "1.0.0", ChartWithJob()));
        await using var _ = repo;
        const string Legacy = "  waitStrategy:\n    name: legacy\n";

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "cel", "1.0.0", Legacy + HealthExprs + "\n  values:\n    message: broken\n    replicaCount: 2\n"));
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "job", "1.0.0",
            Legacy + "  values:\n    job:\n      enabled: true\n      annotations:\n        gyre.io/simulate: fail\n"));

        await rig.WaitForReleaseReadyAsync(ns, "cel", "True");
        var failed = await rig.WaitForReleaseReadyAsync(ns, "job", "False", "InstallFailed");
        Assert.Contains($"health check failed: Job/{ns}/job-migrate status: 'Failed': job is failed: {ns}/job-migrate", (string?)failed["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_legacy_wait_strategy_times_out_on_a_Deployment_without_enough_ready_replicas()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-legacy-dep", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0",
            "  waitStrategy:\n    name: legacy\n  install:\n    timeout: 2s\n  values:\n    deploymentAnnotations:\n      gyre.io/simulate: never-ready\n"));

        var failed = await rig.WaitForReleaseReadyAsync(ns, "web", "False", "InstallFailed");
        Assert.Contains($"health check failed after 2s: timeout waiting for: [Deployment/{ns}/web status: 'InProgress': Deployment does not have enough pods ready: 0/1]",
            (string?)failed["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("poller")]
    [InlineData("legacy")]
    public async Task Jobs_are_waited_for_until_complete_unless_disableWaitForJobs(string strategy)
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-jobs-" + strategy, ("podinfo", "1.0.0", ChartWithJob()));
        await using var _ = repo;
        var common = $"  waitStrategy:\n    name: {strategy}\n  values:\n    job:\n      enabled: true\n      annotations:\n        gyre.io/simulate: never-ready\n";

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "waits", "1.0.0", common + "  install:\n    timeout: 2s\n"));
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "skips", "1.0.0", common + "  install:\n    timeout: 2s\n    disableWaitForJobs: true\n"));

        await rig.WaitForReleaseReadyAsync(ns, "skips", "True");
        var failed = await rig.WaitForReleaseReadyAsync(ns, "waits", "False", "InstallFailed");
        Assert.Contains($"Job/{ns}/waits-migrate", (string?)failed["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upgrade_follows_the_upgrade_knobs_not_the_install_ones()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-upgrade-knobs", ("podinfo", "1.0.0", ChartWithJob()));
        await using var _ = repo;
        const string Knobs = "  install:\n    timeout: 2s\n  upgrade:\n    timeout: 2s\n    disableWaitForJobs: true\n";
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", Knobs));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True", "InstallSucceeded");

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0",
            Knobs + "  values:\n    job:\n      enabled: true\n      annotations:\n        gyre.io/simulate: never-ready\n"));

        await rig.WaitForReleaseReadyAsync(ns, "web", "True", "UpgradeSucceeded");
        Assert.NotNull(await rig.GetAsync("batch/v1", "Job", ns, "web-migrate"));
    }

    [Fact]
    public async Task PersistentClient_false_is_accepted_and_changes_nothing()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-persistent", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", "  persistentClient: false\n"));

        await rig.WaitForReleaseReadyAsync(ns, "web", "True", "InstallSucceeded");
        Assert.NotNull(await rig.GetAsync("apps/v1", "Deployment", ns, "web"));
    }
}
