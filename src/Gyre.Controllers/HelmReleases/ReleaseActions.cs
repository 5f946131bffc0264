using Gyre.Api.Helm;
using Gyre.Controllers.Kustomizations;
using Gyre.Helm;
using Gyre.Helm.Rendering;
using Gyre.Helm.Storage;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;
using Gyre.Manifests.Yaml;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// Helm's install, upgrade, rollback and uninstall actions (pkg/action) on Gyre's engine: render, record the revision
/// as pending, run pre hooks, apply, delete what the previous revision had and this one does not, wait, run post
/// hooks, then mark it deployed and the previous one superseded (or failed, with Helm's description).
/// </summary>
internal sealed class ReleaseActions(ReleaseStore store, ReleaseApplier applier, HookRunner hooks, TimeProvider time)
{
    /// <summary>How long Flux waits for applied CRDs to be established.</summary>
    private static readonly TimeSpan CrdWait = TimeSpan.FromSeconds(60);

    public async Task<Release> DeployAsync(ReleaseRequest request, IReadOnlyList<Release> history, bool upgrade, CancellationToken cancellationToken)
    {
        var spec = request.Spec;
        var action = upgrade ? "upgrade" : "install";
        var version = ReleaseHistory.NextVersion(history);
        var capabilities = await ApplyCrdsAsync(request, action, upgrade ? spec.Upgrade.Crds : spec.Install.Crds, cancellationToken).ConfigureAwait(false);
        RenderedRelease rendered;
        try
        {
            rendered = HelmRenderer.Render(request.Chart, request.Values,
                new ReleaseOptions
                {
                    Name = spec.ReleaseName, Namespace = spec.TargetNamespace, Revision = version, IsInstall = !upgrade, IsUpgrade = upgrade,
                    SkipSchemaValidation = upgrade ? spec.Upgrade.DisableSchemaValidation : spec.Install.DisableSchemaValidation,
                },
                capabilities, request.Lookup, cancellationToken);
        }
        catch (HelmException ex)
        {
            throw new ActionFailedException(action, $"Helm {action} failed for release {spec.TargetNamespace}/{spec.ReleaseName} with chart {request.Chart}: {ex.Message}", ex);
        }

        IReadOnlyList<ManifestDocument> parsed = ReleaseManifest.Parse(rendered.Manifest);
        var hookManifests = rendered.Hooks.Select(h => h.Manifest).ToList();
        if (PostRenderer.IsNeeded(spec))
        {
            IReadOnlyList<KubeObject> hookObjects;
            try
            {
                (parsed, hookObjects) = PostRenderer.Run(spec, parsed, rendered.Hooks.Select(h => KubeObject.Parse(h.Manifest, h.Path)).ToList(), cancellationToken);
            }
            catch (ReconcileStepException ex)
            {
                throw new ActionFailedException(action, $"Helm {action} failed for release {spec.TargetNamespace}/{spec.ReleaseName} with chart {request.Chart}: {ex.Message}", ex);
            }

            hookManifests = hookObjects.Select(o => YamlWriter.Write(o.Json)).ToList();
        }

        var documents = parsed.Select(d => d with
        {
            Object = ReleaseOwnership.Mark(ReleaseManifest.Label(d.Object, request.OwnerName, request.OwnerNamespace), spec.ReleaseName, spec.TargetNamespace),
        }).ToList();
        var now = time.GetUtcNow();
        var release = new Release
        {
            Name = spec.ReleaseName,
            Namespace = spec.TargetNamespace,
            Version = version,
            Info = new ReleaseInfo
            {
                FirstDeployed = history.Count > 0 ? history[0].Info.FirstDeployed ?? now : now,
                LastDeployed = now,
                Status = upgrade ? ReleaseStatus.PendingUpgrade : ReleaseStatus.PendingInstall,
                Description = upgrade ? "Preparing upgrade" : "Initial install underway",
                Notes = rendered.Notes,
            },
            Chart = ReleaseChart.FromChart(request.Chart),
            Config = request.Values,
            ApplyMethod = ApplyMethods.ForDeploy(spec, upgrade, ReleaseHistory.LastDeployed(history) ?? ReleaseHistory.Latest(history)),
            Manifest = ReleaseManifest.Write(documents),
            Hooks = rendered.Hooks.Select((h, i) => new ReleaseHook
            {
                Name = h.Name, Kind = h.Kind, Path = h.Path, Manifest = hookManifests[i], Events = h.Events, Weight = h.Weight, DeletePolicies = h.DeletePolicies,
            }).ToList(),
        };
        if (!upgrade && spec.Install.CreateNamespace)
        {
            // As Helm's install: the namespace exists before the release is recorded (storage may live in it).
            await applier.ApplyAsync([KubeObject.Parse($"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {spec.TargetNamespace}\n")], false, cancellationToken).ConfigureAwait(false);
        }

        await store.CreateAsync(release, spec.MaxHistory, cancellationToken).ConfigureAwait(false);
        var previous = ReleaseHistory.LastDeployed(history) ?? ReleaseHistory.Latest(history);
        var created = new List<KubeObject>();
        try
        {
            release = await RunAsync(request, release, rendered, documents, previous, upgrade, created, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ReconcileStepException or HookFailedException)
        {
            if (upgrade && spec.Upgrade.CleanupOnFail && created.Count > 0)
            {
                // Helm's --cleanup-on-fail: what this upgrade created goes again; what it changed stays for remediation.
                await applier.DeleteAsync(created, cancellationToken).ConfigureAwait(false);
            }

            var failed = release with
            {
                Hooks = ex is HookFailedException hook ? hook.Hooks : release.Hooks,
                Info = release.Info with { Status = ReleaseStatus.Failed, Description = $"Release \"{release.Name}\" failed: {ex.Message}" },
            };
            await store.UpdateAsync(failed, cancellationToken).ConfigureAwait(false);
            throw new ActionFailedException(action, $"Helm {action} failed for release {spec.TargetNamespace}/{spec.ReleaseName} with chart {request.Chart}: {ex.Message}", ex);
        }

        await SupersedeAsync(history.Where(r => r.Info.Status == ReleaseStatus.Deployed), cancellationToken).ConfigureAwait(false);
        return release;
    }

    private async Task<Release> RunAsync(
        ReleaseRequest request, Release release, RenderedRelease rendered, IReadOnlyList<ManifestDocument> documents, Release? previous, bool upgrade, List<KubeObject> created, CancellationToken cancellationToken)
    {
        var spec = request.Spec;
        var timeout = (upgrade ? spec.Upgrade.Timeout : spec.Install.Timeout) ?? spec.Timeout;
        var disableHooks = upgrade ? spec.Upgrade.DisableHooks : spec.Install.DisableHooks;
        var objects = await applier.ResolveAsync(documents.Select(d => d.Object), spec.TargetNamespace, cancellationToken).ConfigureAwait(false);
        if (upgrade ? spec.Upgrade.DisableTakeOwnership : spec.Install.DisableTakeOwnership)
        {
            await ReleaseOwnership.CheckAsync(applier, objects, upgrade ? previous : null, spec.ReleaseName, spec.TargetNamespace, upgrade, cancellationToken).ConfigureAwait(false);
        }

        var hookEvent = upgrade ? "upgrade" : "install";
        var ran = release.Hooks;
        if (!disableHooks)
        {
            ran = await hooks.RunAsync(ran, "pre-" + hookEvent, spec.TargetNamespace, timeout, cancellationToken).ConfigureAwait(false);
        }

        // As Helm's install/upgrade: the release's objects are validated against the cluster's schemas (Strict) unless disableOpenAPIValidation.
        var validation = (upgrade ? spec.Upgrade.DisableOpenApiValidation : spec.Install.DisableOpenApiValidation) ? "Ignore" : "Strict";
        var clientSide = await ApplyMethods.WriterAsync(release.ApplyMethod!, applier, previous, cancellationToken).ConfigureAwait(false);
        await applier.ApplyAsync(objects, upgrade && spec.Upgrade.Force, created, validation, clientSide, cancellationToken).ConfigureAwait(false);
        if (previous is not null)
        {
            await PruneAsync(previous, objects, cancellationToken).ConfigureAwait(false);
        }

        if (!(upgrade ? spec.Upgrade.DisableWait : spec.Install.DisableWait))
        {
            await applier.WaitAsync(objects, timeout, !(upgrade ? spec.Upgrade.DisableWaitForJobs : spec.Install.DisableWaitForJobs), cancellationToken).ConfigureAwait(false);
        }

        if (!disableHooks)
        {
            ran = await hooks.RunAsync(ran, "post-" + hookEvent, spec.TargetNamespace, timeout, cancellationToken).ConfigureAwait(false);
        }

        var deployed = release with
        {
            Hooks = ran,
            Info = release.Info with { Status = ReleaseStatus.Deployed, Description = upgrade ? "Upgrade complete" : "Install complete" },
        };
        await store.UpdateAsync(deployed, cancellationToken).ConfigureAwait(false);
        return deployed;
    }

    /// <summary>
    /// Helm's rollback with spec.rollback's knobs: a new revision with the target's chart, values and manifest;
    /// pre-/post-rollback hooks, force, wait and cleanupOnFail as `helm rollback` (recreate has no effect).
    /// </summary>
    public async Task<Release> RollbackAsync(IReadOnlyList<Release> history, Release target, HelmReleaseSpec spec, CancellationToken cancellationToken)
    {
        var options = spec.Rollback;
        var timeout = options.Timeout ?? spec.Timeout;
        var now = time.GetUtcNow();
        var release = target with
        {
            Version = ReleaseHistory.NextVersion(history),
            Info = target.Info with { LastDeployed = now, Status = ReleaseStatus.PendingRollback, Description = $"Rollback to {target.Version}" },
            Labels = target.Labels,
            ApplyMethod = ApplyMethods.ForRollback(spec, ReleaseHistory.Latest(history)),
        };
        await store.CreateAsync(release, spec.MaxHistory, cancellationToken).ConfigureAwait(false);
        var created = new List<KubeObject>();
        try
        {
            var objects = await applier.ResolveAsync(ReleaseManifest.Parse(target.Manifest).Select(d => d.Object), spec.TargetNamespace, cancellationToken).ConfigureAwait(false);
            var ran = options.DisableHooks ? release.Hooks : await hooks.RunAsync(release.Hooks, "pre-rollback", spec.TargetNamespace, timeout, cancellationToken).ConfigureAwait(false);
            var clientSide = await ApplyMethods.WriterAsync(release.ApplyMethod!, applier, ReleaseHistory.Latest(history), cancellationToken).ConfigureAwait(false);
            await applier.ApplyAsync(objects, options.Force, created, null, clientSide, cancellationToken).ConfigureAwait(false);
            if (ReleaseHistory.Latest(history) is { } current)
            {
                await PruneAsync(current, objects, cancellationToken).ConfigureAwait(false);
            }

            if (!options.DisableWait)
            {
                await applier.WaitAsync(objects, timeout, !options.DisableWaitForJobs, cancellationToken).ConfigureAwait(false);
            }

            release = release with { Hooks = options.DisableHooks ? ran : await hooks.RunAsync(ran, "post-rollback", spec.TargetNamespace, timeout, cancellationToken).ConfigureAwait(false) };
        }
        catch (Exception ex) when (ex is ReconcileStepException or HookFailedException)
        {
            if (options.CleanupOnFail && created.Count > 0)
            {
                await applier.DeleteAsync(created, cancellationToken).ConfigureAwait(false);
            }

            await store.UpdateAsync(release with
            {
                Hooks = ex is HookFailedException hook ? hook.Hooks : release.Hooks,
                Info = release.Info with { Status = ReleaseStatus.Failed, Description = $"Rollback \"{release.Name}\" failed: {ex.Message}" },
            },
                cancellationToken).ConfigureAwait(false);
            throw new ActionFailedException("rollback", $"Helm rollback to previous release {spec.TargetNamespace}/{spec.ReleaseName}.v{target.Version} failed: {ex.Message}", ex);
        }

        // As Helm's rollback: the release rolled away from and every deployed one become superseded.
        var latest = ReleaseHistory.Latest(history);
        await SupersedeAsync(history.Where(r => r.Info.Status == ReleaseStatus.Deployed || r == latest), cancellationToken).ConfigureAwait(false);
        release = release with { Info = release.Info with { Status = ReleaseStatus.Deployed } };
        await store.UpdateAsync(release, cancellationToken).ConfigureAwait(false);
        return release;
    }

    /// <summary>
    /// Helm's uninstall: mark the latest revision uninstalling, run pre-delete hooks, store it, delete its objects in
    /// Helm's UninstallOrder (keeping helm.sh/resource-policy: keep ones), run post-delete hooks, then delete its
    /// history (or keep it as uninstalled).
    /// </summary>
    public async Task UninstallAsync(IReadOnlyList<Release> history, HelmReleaseSpec spec, CancellationToken cancellationToken)
    {
        if (ReleaseHistory.Latest(history) is not { } latest)
        {
            return;
        }

        var objects = await applier.ResolveAsync(ReleaseManifest.Parse(latest.Manifest).Select(d => d.Object), latest.Namespace, cancellationToken).ConfigureAwait(false);
        var uninstalling = latest with
        {
            Info = latest.Info with { Status = ReleaseStatus.Uninstalling, Deleted = time.GetUtcNow(), Description = "Deletion in progress (or silently failed)" },
        };
        var ran = latest.Hooks;
        if (!spec.UninstallDisableHooks)
        {
            ran = await hooks.RunAsync(ran, "pre-delete", latest.Namespace, spec.Timeout, cancellationToken).ConfigureAwait(false);
        }

        // As Helm: from here on the stored release is uninstalling, so an interrupted uninstall is visible as such.
        uninstalling = uninstalling with { Hooks = ran };
        await store.UpdateAsync(uninstalling, cancellationToken).ConfigureAwait(false);
        var propagation = spec.UninstallDeletionPropagation switch
        {
            "foreground" => PropagationPolicy.Foreground,
            "orphan" => PropagationPolicy.Orphan,
            _ => PropagationPolicy.Background,
        };
        await applier.DeleteInOrderAsync(UninstallOrder.Sort(objects, o => o.Kind), propagation, cancellationToken).ConfigureAwait(false);
        if (!spec.UninstallDisableHooks)
        {
            ran = await hooks.RunAsync(ran, "post-delete", latest.Namespace, spec.Timeout, cancellationToken).ConfigureAwait(false);
        }

        if (spec.UninstallKeepHistory)
        {
            await store.UpdateAsync(uninstalling with
            {
                Hooks = ran,
                Info = uninstalling.Info with { Status = ReleaseStatus.Uninstalled, Description = "Uninstallation complete" },
            }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await store.DeleteAllAsync(latest.Name, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>`helm test`: runs the test hooks and records their last run on the release.</summary>
    public async Task<(Release Release, string? Failure)> TestAsync(Release release, HelmReleaseSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            var ran = await hooks.RunAsync(release.Hooks, "test", release.Namespace, spec.Timeout, h => IsSelected(spec, h), cancellationToken).ConfigureAwait(false);
            release = release with { Hooks = ran };
            await store.UpdateAsync(release, cancellationToken).ConfigureAwait(false);
            return (release, null);
        }
        catch (HookFailedException ex)
        {
            release = release with { Hooks = ex.Hooks };
            await store.UpdateAsync(release, cancellationToken).ConfigureAwait(false);
            return (release, ex.Message);
        }
    }

    /// <summary>
    /// spec.test.filters as `helm test --filter`: a test hook named by an exclude filter is skipped; when any filter
    /// includes, only the hooks they name run.
    /// </summary>
    public static bool IsSelected(HelmReleaseSpec spec, ReleaseHook hook)
    {
        if (spec.TestFilters.Any(f => f.Exclude && f.Name == hook.Name))
        {
            return false;
        }

        var include = spec.TestFilters.Where(f => !f.Exclude).ToList();
        return include.Count == 0 || include.Any(f => f.Name == hook.Name);
    }

    /// <summary>
    /// Deletes what the previous revision had and this one does not, as Helm's kube client Update: each object is read
    /// first and its live helm.sh/resource-policy decides, so one annotated "keep" on the cluster stays; one already
    /// gone, or of a kind no longer served, is skipped.
    /// </summary>
    private async Task PruneAsync(Release previous, IReadOnlyList<KubeObject> current, CancellationToken cancellationToken)
    {
        var keep = current.Select(o => o.Ref).ToHashSet();
        var old = await applier.ResolveAsync(ReleaseManifest.Parse(previous.Manifest).Select(d => d.Object), previous.Namespace, cancellationToken).ConfigureAwait(false);
        var live = new List<KubeObject>();
        foreach (var obj in old.Where(o => !keep.Contains(o.Ref)))
        {
            ResourceClient resource;
            try
            {
                resource = await applier.RequireAsync(obj, cancellationToken).ConfigureAwait(false);
            }
            catch (ReconcileStepException)
            {
                continue;
            }

            if (await ServerSideApplier.GetAsync(resource, resource.Resource.Namespaced ? obj.Namespace : null, obj.Name, cancellationToken).ConfigureAwait(false) is { } found)
            {
                live.Add(new KubeObject(found));
            }
        }

        await applier.DeleteAsync(live, cancellationToken).ConfigureAwait(false);
    }

    private async Task SupersedeAsync(IEnumerable<Release> releases, CancellationToken cancellationToken)
    {
        foreach (var old in releases.ToList())
        {
            await store.UpdateAsync(old with { Info = old.Info with { Status = ReleaseStatus.Superseded } }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Flux's applyCRDs, run before Helm renders: the chart's crds/ under the policy (Create leaves an existing CRD as it
    /// is, CreateReplace updates it), waited for until established; then the capabilities are read again so the
    /// templates see the new kinds, as Helm builds them only after installing CRDs.
    /// </summary>
    private async Task<Capabilities> ApplyCrdsAsync(ReleaseRequest request, string action, string policy, CancellationToken cancellationToken)
    {
        var spec = request.Spec;
        if (policy == CrdsPolicy.Skip)
        {
            return request.Capabilities;
        }

        IReadOnlyList<KubeObject> crds;
        try
        {
            crds = HelmRenderer.Crds(request.Chart, request.Values);
        }
        catch (HelmException ex)
        {
            throw new ActionFailedException(action, $"Helm {action} failed for release {spec.TargetNamespace}/{spec.ReleaseName} with chart {request.Chart}: {ex.Message}", ex);
        }

        IReadOnlyList<KubeObject> labelled = crds.Select(c => ReleaseManifest.Label(c, request.OwnerName, request.OwnerNamespace)).ToList();
        try
        {
            if (policy == CrdsPolicy.Create)
            {
                labelled = await MissingAsync(labelled, cancellationToken).ConfigureAwait(false);
            }

            if (labelled.Count == 0)
            {
                return request.Capabilities;
            }

            await applier.ApplyAsync(labelled, false, cancellationToken).ConfigureAwait(false);
            await applier.WaitAsync(labelled, CrdWait, cancellationToken).ConfigureAwait(false);
        }
        catch (ReconcileStepException ex)
        {
            throw new ActionFailedException(action, $"Helm {action} failed for release {spec.TargetNamespace}/{spec.ReleaseName} with chart {request.Chart}: failed to apply CustomResourceDefinitions: {ex.Message}", ex);
        }

        return request.ReadCapabilities is { } read ? await read(cancellationToken).ConfigureAwait(false) : request.Capabilities;
    }

    private async Task<IReadOnlyList<KubeObject>> MissingAsync(IReadOnlyList<KubeObject> objects, CancellationToken cancellationToken)
    {
        var missing = new List<KubeObject>();
        foreach (var obj in objects)
        {
            var resource = await applier.RequireAsync(obj, cancellationToken).ConfigureAwait(false);
            if (await ServerSideApplier.GetAsync(resource, null, obj.Name, cancellationToken).ConfigureAwait(false) is null)
            {
                missing.Add(obj);
            }
        }

        return missing;
    }
}
