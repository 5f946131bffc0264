using Gyre.Controllers.Tests.Support;
using Gyre.Helm.Storage;

namespace Gyre.Controllers.Tests;

/// <summary>upgrade.preserveValues, upgrade.chartNameChangeStrategy and install.replace.</summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmReleaseUpgradeKnobsTests(ControllersFixture rig)
{
    [Fact]
    public async Task PreserveValues_keeps_the_last_releases_values_under_the_new_ones_and_then_stays_in_sync()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-preserve", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", "  values:\n    replicaCount: 3\n    message: first\n"));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", "  upgrade:\n    preserveValues: true\n  values:\n    message: second\n"));

        await rig.WaitForReleaseReadyAsync(ns, "web", "True", "UpgradeSucceeded");
        Assert.Equal(3, (int)(await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!.Json["spec"]!["replicas"]!);
        Assert.Equal("second", (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "web-config"))!.Json["data"]!["message"]);
        var config = (await rig.StoredReleaseAsync(ns, "web", 2)).Config;
        Assert.Equal((3, "second"), ((int)config["replicaCount"]!, (string?)config["message"]));

        await rig.ReconcileReleaseAsync(ns, "web");
        Assert.Null(await rig.GetAsync("v1", "Secret", ns, "sh.helm.release.v1.web.v3"));
    }

    [Fact]
    public async Task Without_preserveValues_values_left_out_of_the_spec_return_to_the_chart_defaults()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-nopreserve", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", "  values:\n    replicaCount: 3\n"));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", "  values:\n    message: second\n"));

        await rig.WaitForReleaseReadyAsync(ns, "web", "True", "UpgradeSucceeded");
        Assert.Equal(1, (int)(await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!.Json["spec"]!["replicas"]!);
    }

    [Fact]
    public async Task A_new_chart_name_uninstalls_the_release_and_installs_it_again_by_default()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-rename", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")), ("webapp", "2.0.0", Webapp()));
        await using var _ = repo;
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0"));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "2.0.0").Replace("chart: podinfo", "chart: webapp", StringComparison.Ordinal));

        var ready = await rig.WaitForReleaseReadyAsync(ns, "web", "True", "InstallSucceeded");
        Assert.Equal($"Helm install succeeded for release {ns}/web.v1 with chart webapp@2.0.0", (string?)ready["message"]);
        Assert.Equal(("webapp", ReleaseStatus.Deployed), ((await rig.StoredReleaseAsync(ns, "web", 1)).Chart.Name, (await rig.StoredReleaseAsync(ns, "web", 1)).Info.Status));
        Assert.Null(await rig.GetAsync("v1", "Secret", ns, "sh.helm.release.v1.web.v2"));
        Assert.Contains("the chart name changed to webapp", await rig.WaitForEventAsync(ns, "web", "UninstallSucceeded"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_chart_name_with_InPlaceUpdate_upgrades_the_release()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-inplace", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")), ("webapp", "2.0.0", Webapp()));
        await using var _ = repo;
        const string inPlace = "  upgrade:\n    chartNameChangeStrategy: InPlaceUpdate\n";
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", inPlace));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "2.0.0", inPlace).Replace("chart: podinfo", "chart: webapp", StringComparison.Ordinal));

        var ready = await rig.WaitForReleaseReadyAsync(ns, "web", "True", "UpgradeSucceeded");
        Assert.Equal($"Helm upgrade succeeded for release {ns}/web.v2 with chart webapp@2.0.0", (string?)ready["message"]);
        Assert.Equal(("podinfo", ReleaseStatus.Superseded), ((await rig.StoredReleaseAsync(ns, "web", 1)).Chart.Name, (await rig.StoredReleaseAsync(ns, "web", 1)).Info.Status));
    }

    [Fact]
    public async Task A_name_kept_by_an_uninstalled_releases_history_is_reused_only_with_install_replace()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-replace", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        const string keep = "  uninstall:\n    keepHistory: true\n";
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", keep));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");
        await rig.Kubectl.RunAsync(null, "delete", "helmrelease", "web", "-n", ns);
        Assert.Equal(ReleaseStatus.Uninstalled, (await rig.StoredReleaseAsync(ns, "web", 1)).Info.Status);

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", keep));

        var failed = await rig.WaitForReleaseReadyAsync(ns, "web", "False", "InstallFailed");
        Assert.Contains("cannot re-use a name that is still in use", (string?)failed["message"], StringComparison.Ordinal);

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", keep + "  install:\n    replace: true\n"));

        var ready = await rig.WaitForReleaseReadyAsync(ns, "web", "True", "InstallSucceeded");
        Assert.Equal($"Helm install succeeded for release {ns}/web.v2 with chart podinfo@1.0.0", (string?)ready["message"]);
        Assert.Equal(ReleaseStatus.Deployed, (await rig.StoredReleaseAsync(ns, "web", 2)).Info.Status);
        Assert.NotNull(await rig.GetAsync("apps/v1", "Deployment", ns, "web"));
    }

    private static Dictionary<string, string> Webapp()
    {
        var files = HelmTestCharts.Podinfo("2.0.0");
        files["Chart.yaml"] = "apiVersion: v2\nname: webapp\nversion: 2.0.0\n";
        return files;
    }
}
