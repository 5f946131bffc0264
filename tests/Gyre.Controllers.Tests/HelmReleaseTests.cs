using System.Text.Json.Nodes;
using Gyre.Controllers.Tests.Support;
using Gyre.Helm.Storage;
using Gyre.Kube.Dynamic;

namespace Gyre.Controllers.Tests;

[Collection(ControllersCollection.Name)]
public sealed class HelmReleaseTests(ControllersFixture rig)
{
    private const string HelmApi = "helm.toolkit.fluxcd.io/v2";

    [Fact]
    public async Task A_HelmRelease_installs_its_chart_with_values_and_stores_the_release_in_helms_format()
    {
        var (ns, repo) = await RepositoryAsync("hr-install", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        await rig.ApplyAsync($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: podinfo-values\n  namespace: {ns}\ndata:\n  values.yaml: |\n    message: from-configmap\n");

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.x", """
              values:
                replicaCount: 2
              valuesFrom:
              - kind: ConfigMap
                name: podinfo-values
              - kind: Secret
                name: absent
                optional: true
            """));

        var ready = await WaitForReadyAsync(ns, "web", "True");
        Assert.Equal("InstallSucceeded", (string?)ready["reason"]);
        Assert.Equal($"Helm install succeeded for release {ns}/web.v1 with chart podinfo@1.0.0", (string?)ready["message"]);
        var deployment = (await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!;
        Assert.Equal(2, (int)deployment.Json["spec"]!["replicas"]!);
        Assert.Equal("web", deployment.GetLabel("helm.toolkit.fluxcd.io/name"));
        Assert.Equal(ns, deployment.GetLabel("helm.toolkit.fluxcd.io/namespace"));
        Assert.Equal("from-configmap", (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "web-config"))!.Json["data"]!["message"]);
        var release = await ReleaseAsync(ns, "web", 1);
        Assert.Equal((ReleaseStatus.Deployed, "podinfo", "1.0.0", "Install complete"), (release.Info.Status, release.Chart.Name, release.Chart.Version, release.Info.Description));
        Assert.Equal(2, (int)release.Config["replicaCount"]!);
        Assert.Equal("Podinfo 1.0.0 is installed as web.\n", release.Info.Notes);
        var status = (await rig.GetAsync(HelmApi, "HelmRelease", ns, "web"))!.Json["status"]!;
        Assert.Equal($"{ns}/{ns}-web", (string?)status["helmChart"]);
        Assert.Equal("1.0.0", (string?)status["lastAttemptedRevision"]);
        Assert.StartsWith("sha256:", (string?)status["lastAttemptedConfigDigest"], StringComparison.Ordinal);
        var snapshot = status["history"]!.AsArray().Single()!;
        Assert.Equal(("deployed", 1, "podinfo", "1.0.0"), ((string?)snapshot["status"], (int)snapshot["version"]!, (string?)snapshot["chartName"], (string?)snapshot["chartVersion"]));
        Assert.NotNull(await rig.GetAsync("source.toolkit.fluxcd.io/v1", "HelmChart", ns, $"{ns}-web"));
    }

    [Fact]
    public async Task Changed_values_and_a_new_chart_version_upgrade_the_release_and_prune_what_left_the_chart()
    {
        var slim = HelmTestCharts.Podinfo("1.1.0");
        slim.Remove("templates/configmap.yaml");
        var (ns, repo) = await RepositoryAsync("hr-upgrade", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")), ("podinfo", "1.1.0", slim));
        await using var _ = repo;
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0"));
        await WaitForReadyAsync(ns, "web", "True");
        Assert.NotNull(await rig.GetAsync("v1", "ConfigMap", ns, "web-config"));

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.1.0", "  values:\n    replicaCount: 3\n"));

        var ready = await WaitForReadyAsync(ns, "web", "True", "UpgradeSucceeded");
        Assert.Equal($"Helm upgrade succeeded for release {ns}/web.v2 with chart podinfo@1.1.0", (string?)ready["message"]);
        Assert.Equal(3, (int)(await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!.Json["spec"]!["replicas"]!);
        Assert.Null(await rig.GetAsync("v1", "ConfigMap", ns, "web-config"));
        Assert.Equal(ReleaseStatus.Superseded, (await ReleaseAsync(ns, "web", 1)).Info.Status);
        Assert.Equal(ReleaseStatus.Deployed, (await ReleaseAsync(ns, "web", 2)).Info.Status);
    }

    [Fact]
    public async Task A_failed_upgrade_is_rolled_back_and_retried_until_the_retries_are_spent()
    {
        var (ns, repo) = await RepositoryAsync("hr-rollback", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        const string remediation = "  upgrade:\n    remediation:\n      retries: 1\n";
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", remediation));
        await WaitForReadyAsync(ns, "web", "True");

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", remediation + "  values:\n    replicaCount: 2\n    deploymentAnnotations:\n      gyre.io/simulate: fail\n"));

        await rig.Until(async () => Condition(await rig.GetAsync(HelmApi, "HelmRelease", ns, "web"), "Stalled") is { } s && (string?)s["status"] == "True",
            "the HelmRelease to stall after its retries", 90);
        var hr = (await rig.GetAsync(HelmApi, "HelmRelease", ns, "web"))!;
        Assert.Equal("RetriesExceeded", (string?)Condition(hr, "Stalled")!["reason"]);
        Assert.Equal("Failed to upgrade after 2 attempt(s)", (string?)Condition(hr, "Stalled")!["message"]);
        Assert.Equal(("False", "UpgradeFailed"), ((string?)Condition(hr, "Ready")!["status"], (string?)Condition(hr, "Ready")!["reason"]));
        Assert.Equal(("True", "RollbackSucceeded"), ((string?)Condition(hr, "Remediated")!["status"], (string?)Condition(hr, "Remediated")!["reason"]));
        Assert.Equal(2, (int)hr.Json["status"]!["upgradeFailures"]!);
        var statuses = new List<string>();
        for (var version = 1; version <= 5; version++)
        {
            statuses.Add((await ReleaseAsync(ns, "web", version)).Info.Status);
        }

        Assert.Equal(["superseded", "superseded", "superseded", "superseded", "deployed"], statuses);
        Assert.Equal("Rollback to 1", (await ReleaseAsync(ns, "web", 3)).Info.Description);
        Assert.Equal("Rollback to 3", (await ReleaseAsync(ns, "web", 5)).Info.Description);
        Assert.Null((await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!.GetAnnotation("gyre.io/simulate"));
    }

    [Fact]
    public async Task Test_hooks_run_after_install_when_tests_are_enabled()
    {
        var files = HelmTestCharts.Podinfo("1.0.0");
        files["templates/tests/test.yaml"] = HelmTestCharts.TestJob;
        var (ns, repo) = await RepositoryAsync("hr-test", ("podinfo", "1.0.0", files));
        await using var _ = repo;

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", "  test:\n    enable: true\n"));

        await WaitForReadyAsync(ns, "web", "True");
        var hr = (await rig.GetAsync(HelmApi, "HelmRelease", ns, "web"))!;
        Assert.Equal(("True", "TestSucceeded"), ((string?)Condition(hr, "TestSuccess")!["status"], (string?)Condition(hr, "TestSuccess")!["reason"]));
        var hook = (await ReleaseAsync(ns, "web", 1)).Hooks.Single();
        Assert.Equal(("web-test", HookExecution.Succeeded), (hook.Name, hook.LastRun.Phase));
        Assert.Equal("Succeeded", (string?)hr.Json["status"]!["history"]![0]!["testHooks"]![$"{ns}/web-test"]!["phase"]);
    }

    [Fact]
    public async Task Deleting_a_HelmRelease_uninstalls_the_release_and_removes_its_HelmChart()
    {
        var (ns, repo) = await RepositoryAsync("hr-delete", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0"));
        await WaitForReadyAsync(ns, "web", "True");

        await rig.Kubectl.RunAsync(null, "delete", "helmrelease", "web", "-n", ns, "--wait=false");

        await rig.Until(async () => await rig.GetAsync(HelmApi, "HelmRelease", ns, "web") is null, "the HelmRelease's finalizer to be removed");
        Assert.Null(await rig.GetAsync("apps/v1", "Deployment", ns, "web"));
        Assert.Null(await rig.GetAsync("v1", "Secret", ns, "sh.helm.release.v1.web.v1"));
        await rig.Until(async () => await rig.GetAsync("source.toolkit.fluxcd.io/v1", "HelmChart", ns, $"{ns}-web") is null, "the generated HelmChart to be deleted");
    }

    private async Task<(string Ns, StaticHttpServer Repo)> RepositoryAsync(string prefix, params (string Name, string Version, Dictionary<string, string> Files)[] charts)
    {
        var ns = await rig.NamespaceAsync(prefix);
        var repo = await HelmTestCharts.ServeAsync(charts.Select(c => (c.Name, c.Version, HelmTestCharts.Package(c.Name, c.Files))).ToArray());
        await rig.ApplyAsync(HelmTestCharts.HelmRepository(ns, "charts", repo.BaseUrl));
        return (ns, repo);
    }

    private async Task<Release> ReleaseAsync(string ns, string name, int version)
    {
        var secret = (await rig.GetAsync("v1", "Secret", ns, $"sh.helm.release.v1.{name}.v{version}"))
            ?? throw new InvalidOperationException($"release secret {name}.v{version} not found");
        Assert.Equal("helm", secret.GetLabel("owner"));
        return ReleaseSecret.FromSecret(secret.Json);
    }

    private async Task<JsonObject> WaitForReadyAsync(string ns, string name, string status, string? reason = null, int seconds = 60)
    {
        JsonObject? found = null;
        await rig.Until(async () =>
        {
            var hr = await rig.GetAsync(HelmApi, "HelmRelease", ns, name);
            found = Condition(hr, "Ready");
            return found is not null && (string?)found["status"] == status && (reason is null || (string?)found["reason"] == reason)
                && (long?)hr!.Json["status"]?["observedGeneration"] == hr.Generation;
        }, $"HelmRelease {ns}/{name} Ready={status} {reason}", seconds);
        return found!;
    }

    private static JsonObject? Condition(Gyre.Manifests.KubeObject? obj, string type) =>
        (obj?.Json["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);
}
