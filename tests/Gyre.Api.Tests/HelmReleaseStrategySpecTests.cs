using Gyre.Api.Helm;
using Gyre.Manifests;

namespace Gyre.Api.Tests;

/// <summary>The install/upgrade strategy, rollback and release knobs Flux 2.7 added, read with Flux's defaults and checks.</summary>
public sealed class HelmReleaseStrategySpecTests
{
    private static HelmReleaseSpec Read(string extra) => HelmReleaseSpec.From(KubeObject.Parse($"""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {"{"}name: podinfo, namespace: apps{"}"}
        spec:
          interval: 5m
          chartRef: {"{"}kind: OCIRepository, name: podinfo{"}"}
        {extra}
        """));

    [Fact]
    public void Without_the_knobs_Fluxs_defaults_apply()
    {
        var spec = Read("");

        Assert.Equal((ActionStrategy.RemediateOnFailure, false), (spec.Install.FailureStrategy.Name, spec.Install.FailureStrategy.Retries));
        Assert.Equal((ActionStrategy.RemediateOnFailure, TimeSpan.FromMinutes(5)), (spec.Upgrade.FailureStrategy.Name, spec.Upgrade.FailureStrategy.RetryInterval));
        Assert.Equal((false, false, true), (spec.Install.Replace, spec.Install.DisableTakeOwnership, spec.Install.ServerSideApply));
        Assert.Equal((false, "Reinstall", false, "auto"), (spec.Upgrade.PreserveValues, spec.Upgrade.ChartNameChangeStrategy, spec.Upgrade.DisableTakeOwnership, spec.Upgrade.ServerSideApply));
        Assert.Equal(new RollbackOptions(), spec.Rollback);
    }

    [Fact]
    public void RetryOnFailure_and_the_rollback_knobs_are_read()
    {
        var spec = Read("""
              install: {strategy: {name: RetryOnFailure}, replace: true, disableTakeOwnership: true, serverSideApply: false}
              upgrade: {strategy: {name: RetryOnFailure, retryInterval: 30s}, preserveValues: true, chartNameChangeStrategy: InPlaceUpdate, serverSideApply: disabled}
              rollback: {timeout: 1m, disableWait: true, disableWaitForJobs: true, disableHooks: true, force: true, cleanupOnFail: true, recreate: true, serverSideApply: enabled}
            """);

        Assert.Equal((true, TimeSpan.FromMinutes(5)), (spec.Install.FailureStrategy.Retries, spec.Install.FailureStrategy.RetryInterval));
        Assert.Equal((true, TimeSpan.FromSeconds(30)), (spec.Upgrade.FailureStrategy.Retries, spec.Upgrade.FailureStrategy.RetryInterval));
        Assert.Equal((true, true, false), (spec.Install.Replace, spec.Install.DisableTakeOwnership, spec.Install.ServerSideApply));
        Assert.Equal((true, "InPlaceUpdate", "disabled"), (spec.Upgrade.PreserveValues, spec.Upgrade.ChartNameChangeStrategy, spec.Upgrade.ServerSideApply));
        Assert.Equal(new RollbackOptions
        {
            Timeout = TimeSpan.FromMinutes(1), DisableWait = true, DisableWaitForJobs = true, DisableHooks = true, Force = true, CleanupOnFail = true, Recreate = true,
            ServerSideApply = "enabled",
        }, spec.Rollback);
    }

    [Theory]
    [InlineData("install: {strategy: {retryInterval: 1m}}", "spec.install.strategy.name: is required")]
    [InlineData("install: {strategy: {name: RetryForever}}", "spec.install.strategy.name: 'RetryForever' is not RemediateOnFailure or RetryOnFailure")]
    [InlineData("upgrade: {strategy: {name: RemediateOnFailure, retryInterval: 1m}}", "spec.upgrade.strategy.retryInterval: cannot be set when .name is 'RemediateOnFailure'")]
    [InlineData("upgrade: {strategy: {name: RetryOnFailure, retryInterval: soon}}", "spec.upgrade.strategy.retryInterval: 'soon' is not a duration")]
    [InlineData("upgrade: {chartNameChangeStrategy: Rename}", "spec.upgrade.chartNameChangeStrategy: 'Rename' is not Reinstall or InPlaceUpdate")]
    [InlineData("upgrade: {serverSideApply: sometimes}", "spec.upgrade.serverSideApply: 'sometimes' is not enabled, disabled or auto")]
    [InlineData("rollback: {serverSideApply: true}", "spec.rollback.serverSideApply: 'true' is not enabled, disabled or auto")]
    [InlineData("install: {serverSideApply: auto}", "spec.install.serverSideApply: '\"auto\"' is not a boolean")]
    public void Invalid_knobs_are_refused_naming_the_field(string extra, string expected)
    {
        var error = Assert.Throws<ApiException>(() => Read("  " + extra));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
