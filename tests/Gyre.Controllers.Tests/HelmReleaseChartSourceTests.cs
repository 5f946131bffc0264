using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>The HelmChart a HelmRelease generates for spec.chart: owner labels, and clean-up when it switches to chartRef.</summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmReleaseChartSourceTests(ControllersFixture rig)
{
    [Fact]
    public async Task Switching_from_spec_chart_to_a_chartRef_deletes_the_generated_HelmChart_and_clears_status_helmChart()
    {
        var ns = await rig.NamespaceAsync("hr-switch");
        await using var repo = await HelmTestCharts.ServeAsync(("podinfo", "1.0.0", HelmTestCharts.Package("podinfo", HelmTestCharts.Podinfo("1.0.0"))));
        await rig.ApplyAsync(HelmTestCharts.HelmRepository(ns, "charts", repo.BaseUrl));
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0"));
        var installed = await rig.WaitForHelmReleaseAsync(ns, "web", "True", "InstallSucceeded");
        Assert.Equal($"{ns}/{ns}-web", (string?)installed.Json["status"]!["helmChart"]);
        var generated = (await rig.GetAsync("HelmChart", ns, $"{ns}-web"))!;
        Assert.Equal(("web", ns), (generated.GetLabel("helm.toolkit.fluxcd.io/name"), generated.GetLabel("helm.toolkit.fluxcd.io/namespace")));

        await rig.ApplyAsync(HelmTestCharts.HelmChart(ns, "podinfo", "podinfo", "1.0.0"));
        await rig.ApplyAsync($"""
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: web
              namespace: {ns}
            spec:
              interval: 10m
              timeout: 20s
              chartRef:
                kind: HelmChart
                name: podinfo
            """);

        await rig.Until(async () => await rig.GetAsync("HelmChart", ns, $"{ns}-web") is null, "the generated HelmChart to be deleted");
        await rig.Until(async () => (await rig.GetAsync(HelmObjects.HelmApi, "HelmRelease", ns, "web"))!.Json["status"]!["helmChart"] is null, "status.helmChart to be cleared");
        var switched = await rig.WaitForHelmReleaseAsync(ns, "web", "True");
        Assert.Null(await rig.GetAsync("v1", "Secret", ns, "sh.helm.release.v1.web.v2"));
        Assert.NotNull(await rig.GetAsync("apps/v1", "Deployment", ns, "web"));
        Assert.Equal("1.0.0", (string?)switched.Json["status"]!["lastAttemptedRevision"]);
    }
}
