using Gyre.Api.Meta;
using Gyre.Helm.Storage;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// helm-controller's AtomicRelease: from what Helm's storage holds and what the HelmRelease asks for, take the next
/// action (unlock a pending release, install, upgrade, test, remediate by uninstall or rollback) until the release is
/// in sync (then drift detection, <see cref="ReleaseDrift"/>), or the retries of spec.install/upgrade.remediation are spent (Stalled, RetriesExceeded).
/// </summary>
internal sealed class AtomicRelease(ReleaseStore store, ReleaseActions actions, HelmReleaseStatus status, ReleaseDrift drift)
{
    /// <summary>Set when a failed action is to be tried again after its strategy's retryInterval (RetryOnFailure).</summary>
    public TimeSpan? RetryAfter { get; private set; }

    /// <summary>Runs until in sync or stalled; returns true when the release is Ready.</summary>
    public async Task<bool> RunAsync(ReleaseRequest request, string chartVersion, string configDigest, bool force, CancellationToken cancellationToken)
    {
        var spec = request.Spec;
        var where = $"{spec.TargetNamespace}/{spec.ReleaseName}";
        for (var step = 0; step < 32; step++)
        {
            var history = await store.HistoryAsync(spec.ReleaseName, cancellationToken).ConfigureAwait(false);
            var latest = ReleaseHistory.Latest(history);
            if (latest is not null && ReleaseStatus.IsPending(latest.Info.Status))
            {
                // A previous run died mid-action: Flux unlocks the release by marking it failed, then carries on.
                await store.UpdateAsync(latest with
                {
                    Info = latest.Info with { Status = ReleaseStatus.Failed, Description = $"Release unlocked from stale '{latest.Info.Status}' state" },
                }, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (ReleaseTransitions.MustReinstall(spec, latest, request.Chart))
            {
                // upgrade.chartNameChangeStrategy Reinstall: a release of another chart is uninstalled, then installed anew.
                await actions.UninstallAsync(history, spec with { UninstallKeepHistory = false }, cancellationToken).ConfigureAwait(false);
                status.Notes.Add((false, HelmReleaseReasons.UninstallSucceeded,
                    $"Helm uninstall succeeded for release {where}.v{latest!.Version} with chart {latest.Chart.Name}@{latest.Chart.Version}: the chart name changed to {request.Chart.Name}"));
                continue;
            }

            var (current, digest) = PreservedValues.Apply(request, latest, configDigest);
            var installing = latest is null || latest.Info.Status == ReleaseStatus.Uninstalled || ReleaseHistory.LastDeployed(history) is null;
            var inSync = latest is not null && latest.Chart.Version == chartVersion && ValuesComposer.Digest(latest.Config) == digest
                && status.PostRenderersObserved(spec);
            if (latest is { Info.Status: ReleaseStatus.Deployed } && inSync && !force)
            {
                await drift.CheckAsync(latest, spec, status, cancellationToken).ConfigureAwait(false);
                return MarkInSync(latest, where);
            }

            var (retries, failures, remediateLast) = installing
                ? (spec.Install.Retries, status.InstallFailures, spec.Install.RemediateLastFailure)
                : (spec.Upgrade.Retries, status.UpgradeFailures, spec.Upgrade.RemediateLastFailure);
            var strategy = installing ? spec.Install.FailureStrategy : spec.Upgrade.FailureStrategy;
            if (!strategy.Retries && Exhausted(retries, failures))
            {
                return Stall(installing, failures);
            }

            force = false;
            var upgrade = latest is not null && latest.Info.Status != ReleaseStatus.Uninstalled;
            try
            {
                if (!upgrade)
                {
                    ReleaseTransitions.CheckNameReusable(current, history);
                }

                var release = await actions.DeployAsync(current, history, upgrade, cancellationToken).ConfigureAwait(false);
                var reason = upgrade ? HelmReleaseReasons.UpgradeSucceeded : HelmReleaseReasons.InstallSucceeded;
                var message = $"Helm {(upgrade ? "upgrade" : "install")} succeeded for release {where}.v{release.Version} with chart {release.Chart.Name}@{release.Chart.Version}";
                status.Set(HelmReleaseReasons.Released, true, reason, message);
                status.ObservePostRenderers(spec);
                status.Json["lastAttemptedReleaseAction"] = upgrade ? "upgrade" : "install";
                return await TestAsync(release, spec, reason, message, cancellationToken).ConfigureAwait(false);
            }
            catch (ActionFailedException ex)
            {
                status.Fail(installing);
                status.Json["lastAttemptedReleaseAction"] = upgrade ? "upgrade" : "install";
                var reason = upgrade ? HelmReleaseReasons.UpgradeFailed : HelmReleaseReasons.InstallFailed;
                status.Set(HelmReleaseReasons.Released, false, reason, ex.Message);
                status.Set(ConditionTypes.Ready, false, reason, ex.Message);
                failures++;
                if (strategy.Retries)
                {
                    // RetryOnFailure: no remediation, no retry limit; the failed release stays for the next attempt.
                    status.Conditions.Remove(ConditionTypes.Stalled);
                    RetryAfter = strategy.RetryInterval;
                    return false;
                }

                if (!Exhausted(retries, failures) || remediateLast)
                {
                    await RemediateAsync(spec, installing, where, cancellationToken).ConfigureAwait(false);
                }

                if (Exhausted(retries, failures))
                {
                    return Stall(installing, failures);
                }
            }
        }

        throw new InvalidOperationException($"release {where}: no stable state after 32 actions");
    }

    private async Task RemediateAsync(Api.Helm.HelmReleaseSpec spec, bool installing, string where, CancellationToken cancellationToken)
    {
        var history = await store.HistoryAsync(spec.ReleaseName, cancellationToken).ConfigureAwait(false);
        try
        {
            if (installing || spec.Upgrade.Strategy == "uninstall")
            {
                await actions.UninstallAsync(history, spec with { UninstallKeepHistory = false }, cancellationToken).ConfigureAwait(false);
                status.Set(HelmReleaseReasons.Remediated, true, HelmReleaseReasons.UninstallSucceeded, $"Helm uninstall remediation for release {where} succeeded");
                return;
            }

            var latest = ReleaseHistory.Latest(history);
            var target = history.Where(r => r != latest && r.Info.Status is ReleaseStatus.Deployed or ReleaseStatus.Superseded).MaxBy(r => r.Version);
            if (target is null)
            {
                status.Set(HelmReleaseReasons.Remediated, false, HelmReleaseReasons.MissingRollbackTarget, $"no previous successful release of {where} to roll back to");
                return;
            }

            var rolled = await actions.RollbackAsync(history, target, spec, cancellationToken).ConfigureAwait(false);
            status.Set(HelmReleaseReasons.Remediated, true, HelmReleaseReasons.RollbackSucceeded,
                $"Helm rollback to previous release {where}.v{target.Version} with chart {rolled.Chart.Name}@{rolled.Chart.Version} succeeded");
        }
        catch (ActionFailedException ex)
        {
            var reason = ex.Action == "rollback" ? HelmReleaseReasons.RollbackFailed : HelmReleaseReasons.UninstallFailed;
            status.Set(HelmReleaseReasons.Remediated, false, reason, ex.Message);
        }
    }

    private async Task<bool> TestAsync(Release release, Api.Helm.HelmReleaseSpec spec, string reason, string message, CancellationToken cancellationToken)
    {
        if (!spec.TestEnable)
        {
            status.Conditions.Remove(HelmReleaseReasons.TestSuccess);
            return Ready(reason, message);
        }

        var (tested, failure) = await actions.TestAsync(release, spec, cancellationToken).ConfigureAwait(false);
        var where = $"{release.Namespace}/{release.Name}.v{release.Version}";
        if (failure is null)
        {
            var count = tested.Hooks.Count(h => h.Events.Contains("test") && ReleaseActions.IsSelected(spec, h));
            status.Set(HelmReleaseReasons.TestSuccess, true, HelmReleaseReasons.TestSucceeded,
                $"Helm test succeeded for release {where} with chart {release.Chart.Name}@{release.Chart.Version}: {count} test hooks completed successfully");
            return Ready(reason, message);
        }

        var text = $"Helm test failed for release {where} with chart {release.Chart.Name}@{release.Chart.Version}: {failure}";
        status.Set(HelmReleaseReasons.TestSuccess, false, HelmReleaseReasons.TestFailed, text);
        if (spec.TestIgnoreFailures)
        {
            return Ready(reason, message);
        }

        status.Set(ConditionTypes.Ready, false, HelmReleaseReasons.TestFailed, text);
        return false;
    }

    private bool MarkInSync(Release latest, string where)
    {
        if (status.Conditions.Get(HelmReleaseReasons.Released) is { IsTrue: true } released)
        {
            return Ready(released.Reason, released.Message);
        }

        var message = $"Helm upgrade succeeded for release {where}.v{latest.Version} with chart {latest.Chart.Name}@{latest.Chart.Version}";
        status.Set(HelmReleaseReasons.Released, true, HelmReleaseReasons.UpgradeSucceeded, message);
        return Ready(HelmReleaseReasons.UpgradeSucceeded, message);
    }

    private bool Ready(string reason, string message)
    {
        status.Set(ConditionTypes.Ready, true, reason, message);
        status.Conditions.Remove(ConditionTypes.Stalled);
        return true;
    }

    private bool Stall(bool installing, int failures)
    {
        var message = $"Failed to {(installing ? "install" : "upgrade")} after {failures} attempt(s)";
        status.Set(ConditionTypes.Stalled, true, HelmReleaseReasons.RetriesExceeded, message);
        if (status.Conditions.Get(ConditionTypes.Ready) is not { IsTrue: false })
        {
            status.Set(ConditionTypes.Ready, false, HelmReleaseReasons.RetriesExceeded, message);
        }

        return false;
    }

    /// <summary>Flux's RetriesExhausted: negative retries never run out.</summary>
    private static bool Exhausted(int retries, int failures) => retries >= 0 && failures > retries;
}
