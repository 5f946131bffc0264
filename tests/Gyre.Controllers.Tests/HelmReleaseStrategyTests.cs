using Gyre.Controllers.Tests.Support;
using Gyre.Helm.Storage;

namespace Gyre.Controllers.Tests;

/// <summary>spec.install.strategy / spec.upgrade.strategy: RetryOnFailure retries after retryInterval and never remediates.</summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmReleaseStrategyTests(ControllersFixture rig)
{
    private const string Failing = "    replicaCount: 2\n    deploymentAnnotations:\n      gyre.io/simulate: fail\n";

    [Fact]
    public async Task A_failed_install_with_RetryOnFailure_is_retried_as_an_upgrade_after_the_interval_without_an_uninstall()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-retry-install", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        const string strategy = "  install:\n    remediation:\n      retries: 3\n    strategy:\n      name: RetryOnFailure\n      retryInterval: 1s\n";

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", strategy + "  values:\n" + Failing));

        await rig.Until(async () => (int?)(await rig.HelmReleaseAsync(ns, "web"))!.Json["status"]?["installFailures"] >= 2,
            "a second install attempt after the retry interval", 90);
        var hr = (await rig.HelmReleaseAsync(ns, "web"))!;
        Assert.Equal("False", (string?)HelmReleaseSteps.Condition(hr, "Ready")!["status"]);
        Assert.Null(HelmReleaseSteps.Condition(hr, "Stalled"));
        Assert.Null(HelmReleaseSteps.Condition(hr, "Remediated"));
        Assert.Equal(ReleaseStatus.Failed, (await rig.StoredReleaseAsync(ns, "web", 1)).Info.Status);
        Assert.Equal(ReleaseStatus.Failed, (await rig.StoredReleaseAsync(ns, "web", 2)).Info.Status);
        Assert.StartsWith("Release \"web\" failed: ", (await rig.StoredReleaseAsync(ns, "web", 2)).Info.Description, StringComparison.Ordinal);
        Assert.NotNull(await rig.GetAsync("apps/v1", "Deployment", ns, "web"));

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", strategy));

        var ready = await rig.WaitForReleaseReadyAsync(ns, "web", "True", "UpgradeSucceeded", 90);
        Assert.StartsWith($"Helm upgrade succeeded for release {ns}/web.v", (string?)ready["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_upgrade_with_RetryOnFailure_is_retried_and_never_rolled_back_even_with_remediation_retries()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-retry-upgrade", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        const string strategy = "  upgrade:\n    remediation:\n      retries: 1\n    strategy:\n      name: RetryOnFailure\n      retryInterval: 1s\n  maxHistory: 0\n";
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", strategy));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", strategy + "  values:\n" + Failing));

        await rig.Until(async () => (int?)(await rig.HelmReleaseAsync(ns, "web"))!.Json["status"]?["upgradeFailures"] >= 3,
            "three upgrade attempts, past remediation.retries", 90);
        var hr = (await rig.HelmReleaseAsync(ns, "web"))!;
        Assert.Equal(("False", "UpgradeFailed"), ((string?)HelmReleaseSteps.Condition(hr, "Ready")!["status"], (string?)HelmReleaseSteps.Condition(hr, "Ready")!["reason"]));
        Assert.Null(HelmReleaseSteps.Condition(hr, "Stalled"));
        Assert.Null(HelmReleaseSteps.Condition(hr, "Remediated"));
        for (var version = 2; version <= 4; version++)
        {
            var release = await rig.StoredReleaseAsync(ns, "web", version);
            Assert.Equal(ReleaseStatus.Failed, release.Info.Status);
            Assert.DoesNotContain("Rollback", release.Info.Description, StringComparison.Ordinal);
        }

        Assert.Equal("fail", (await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!.GetAnnotation("gyre.io/simulate"));
        Assert.Contains(await rig.EventsAsync(ns, "web"), e => e.Reason == "UpgradeFailed");
    }

    [Theory]
    [InlineData("name: RemediateOnFailure\n      retryInterval: 1m", ".retryInterval cannot be set when .name is 'RemediateOnFailure'")]
    [InlineData("name: RetryForever", "RetryForever")]
    public async Task The_API_server_refuses_an_invalid_strategy_as_Fluxs_CRD_does(string strategy, string expected)
    {
        var ns = await rig.NamespaceAsync("hr-strategy-invalid");
        var file = Path.Combine(Path.GetTempPath(), $"{ns}-hr.yaml");
        await File.WriteAllTextAsync(file, HelmTestCharts.HelmRelease(ns, "web", "1.0.0", $"  upgrade:\n    strategy:\n      {strategy}\n"));
        try
        {
            var error = await rig.Kubectl.RunAsyncWithErrorAsync(["apply", "-f", file]);
            Assert.Contains("spec.upgrade.strategy", error, StringComparison.Ordinal);
            Assert.Contains(expected, error, StringComparison.Ordinal);
            Assert.Null(await rig.HelmReleaseAsync(ns, "web"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
