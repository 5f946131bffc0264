using System.Diagnostics;
using Gyre.Api;
using Gyre.Api.Kustomize;
using Gyre.Api.Meta;
using Gyre.Apply.Inventory;
using Gyre.Controllers.Common;
using Gyre.Kube;
using Gyre.Kube.Config;
using Gyre.Manifests;
using Gyre.PostBuild;
using Gyre.Runtime.Metrics;
using Gyre.Runtime.Reconcile;
using Gyre.Sops;
using Gyre.Sources.Artifacts;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// kustomize-controller's reconcile, top to bottom: finalizer → suspend → source artifact → dependsOn → fetch and
/// verify → build (generate, kustomize, decrypt, substitute, label) → server-side apply in stages → prune → health
/// → status and events. Step failures set Ready=False with Flux's reason and retry at spec.retryInterval.
/// </summary>
internal sealed class KustomizationReconciler : IReconciler
{
    private readonly KubeClient _client;
    private readonly KustomizationReconcilerOptions _options;
    private readonly ArtifactFetcher _fetcher;
    private readonly KustomizationStatus _status;
    private readonly ReconcileMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public KustomizationReconciler(
        KubeClient client, KustomizationReconcilerOptions options, HttpClient http, EventRecorder events, ReconcileMetrics metrics, TimeProvider time, ILogger logger)
    {
        _client = client;
        _options = options;
        _fetcher = new ArtifactFetcher(http, ExtractionLimits.Default);
        _status = new KustomizationStatus(events, time, logger);
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var resource = await _client.ForKindAsync(DependencyCheck.ApiVersion, KustomizationSpec.Kind, cancellationToken).ConfigureAwait(false);
        var obj = await ObjectReader.GetAsync(_client, DependencyCheck.ApiVersion, KustomizationSpec.Kind, request.Namespace, request.Name, cancellationToken).ConfigureAwait(false);
        if (obj is null)
        {
            return ReconcileResult.Done;
        }

        if (obj.DeletionTimestamp is not null)
        {
            await new KustomizationFinalizer(_client, _options, _time).FinalizeAsync(obj, cancellationToken).ConfigureAwait(false);
            await Finalizers.RemoveAsync(resource, obj, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        obj = await Finalizers.AddAsync(resource, obj, cancellationToken).ConfigureAwait(false);
        KustomizationSpec spec;
        KustomizationExpressions expressions;
        try
        {
            spec = KustomizationSpec.From(obj);
            expressions = KustomizationExpressions.Compile(spec);
        }
        catch (ApiException ex)
        {
            await _status.StalledAsync(resource, obj, Reasons.InvalidSpec, ex.Message, cancellationToken).ConfigureAwait(false);
            throw new TerminalReconcileException(Reasons.InvalidSpec, ex.Message, ex);
        }
        catch (TerminalReconcileException ex)
        {
            await _status.StalledAsync(resource, obj, ex.Reason, ex.Message, cancellationToken).ConfigureAwait(false);
            throw;
        }

        if (spec.Suspend)
        {
            return ReconcileResult.Done;
        }

        var clock = Stopwatch.StartNew();
        string? revision = null;
        var run = new ReconcileRun(_time.GetUtcNow());
        var progress = new ReconcileProgress(resource, obj, _time);
        try
        {
            var artifact = await SourceArtifactAsync(obj, spec, cancellationToken).ConfigureAwait(false);
            revision = artifact.Revision;
            run.Revision = revision;
            run.OriginRevision = KustomizationHistory.OriginRevision(artifact);
            await CheckDependenciesAsync(obj, spec, expressions, revision, cancellationToken).ConfigureAwait(false);
            var outcome = await ApplyRevisionAsync(progress, spec, expressions, artifact, run, cancellationToken).ConfigureAwait(false);
            CountChanges(outcome.Changes);
            await _status.SucceededAsync(resource, progress.Current, spec, outcome, run, clock.Elapsed, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Requeue(spec.Interval);
        }
        catch (DependencyNotReadyException ex)
        {
            await _status.FailedAsync(resource, progress.Current, Reasons.DependencyNotReady, ex.Message, revision, null, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Requeue(_options.RequeueDependency);
        }
        catch (ReconcileStepException ex)
        {
            await _status.FailedAsync(resource, progress.Current, ex.Reason, ex.Message, revision, run, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Requeue(ex.Reason == Reasons.ArtifactFailed && revision is null ? _options.RequeueDependency : spec.EffectiveRetryInterval);
        }
        catch (TerminalReconcileException ex)
        {
            await _status.StalledAsync(resource, progress.Current, ex.Reason, ex.Message, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Step 2: the source object and its artifact (no artifact yet: wait for the source, not an error).</summary>
    private async Task<ArtifactStatus> SourceArtifactAsync(KubeObject obj, KustomizationSpec spec, CancellationToken cancellationToken)
    {
        var source = spec.SourceRef;
        CrossNamespaceRefs.Check(_options.NoCrossNamespaceRefs, obj, source.Kind, source.Namespace, source.Name);

        var apiVersion = source.ApiVersion.Contains('/', StringComparison.Ordinal) ? source.ApiVersion : "source.toolkit.fluxcd.io/v1";
        var sourceObj = await ObjectReader.GetAsync(_client, apiVersion, source.Kind, source.Namespace, source.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new ReconcileStepException(Reasons.ArtifactFailed, $"{source.Kind} '{source.Namespace}/{source.Name}' not found");
        return ArtifactStatus.FromJson(sourceObj.Json["status"]?["artifact"])
            ?? throw new ReconcileStepException(Reasons.ArtifactFailed, $"Source artifact not found, retrying in {GoDuration.Format(_options.RequeueDependency)}");
    }

    /// <summary>Step 3: dependsOn; a cycle is terminal, an unready dependency waits (its Ready event wakes us).</summary>
    private async Task CheckDependenciesAsync(KubeObject obj, KustomizationSpec spec, KustomizationExpressions expressions, string revision, CancellationToken cancellationToken)
    {
        if (spec.DependsOn.Count == 0)
        {
            return;
        }

        var check = new DependencyCheck(_client);
        if (await check.FindCycleAsync(obj, spec, cancellationToken).ConfigureAwait(false) is { } cycle)
        {
            throw new TerminalReconcileException(Reasons.DependencyCycle, $"dependency cycle detected: {cycle}; remove one of the dependsOn entries");
        }

        if (await check.FirstNotReadyAsync(obj, spec, expressions, revision, cancellationToken).ConfigureAwait(false) is { } waiting)
        {
            throw new DependencyNotReadyException($"{waiting}; retrying when it becomes ready (at the latest in {GoDuration.Format(_options.RequeueDependency)})");
        }
    }

    /// <summary>Steps 4–13: fetch, build, apply, prune, health.</summary>
    private async Task<ReconcileOutcome> ApplyRevisionAsync(
        ReconcileProgress progress, KustomizationSpec spec, KustomizationExpressions expressions, ArtifactStatus artifact, ReconcileRun run,
        CancellationToken cancellationToken)
    {
        var obj = progress.Current;
        var work = Path.Combine(_options.WorkDirectory, "kustomization-" + Guid.NewGuid().ToString("N"));
        ApplyTarget? target = null;
        try
        {
            target = await ApplyTarget.OpenAsync(_client, obj, spec, _options.DefaultServiceAccount, cancellationToken).ConfigureAwait(false);
            var client = target.Client;
            await _fetcher.FetchAsync(artifact, work, cancellationToken).ConfigureAwait(false);
            await progress.BuildingAsync(artifact.Revision, spec.EffectiveTimeout, cancellationToken).ConfigureAwait(false);
            if (!OperatingSystem.IsWindows())
            {
                // Decrypted generator sources are written here: keep the directory private to the controller's user.
                File.SetUnixFileMode(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var variables = await VariablesAsync(obj, spec, cancellationToken).ConfigureAwait(false);
            var keyring = await KeyringAsync(obj, spec, cancellationToken).ConfigureAwait(false);
            var objects = ManifestBuilder.Build(work, obj, spec, variables, keyring, _options.RemoteFetcher ?? NoRemoteBases.Instance, out var digest, cancellationToken);
            run.Digest = digest;
            await progress.DetectingDriftAsync(artifact.Revision, spec.EffectiveTimeout, cancellationToken).ConfigureAwait(false);
            var applier = new ServerSideApplier(client, _options.StageTimeout, _options.PollInterval, _time, new IgnoreRules(spec.Ignore));
            var changes = (await applier.ApplyAsync(objects, spec.Force, cancellationToken).ConfigureAwait(false)).ToList();
            var applied = changes.Where(c => c.Action != ApplyAction.Skipped).ToList();
            // As Flux's AddChangeSet: skipped objects stay in the inventory, so an ssa: IfNotPresent object is not pruned.
            var inventory = new ResourceInventory(changes.Select(c => new InventoryEntry(c.Object.InventoryId, c.Version)));
            if (spec.Prune)
            {
                var stale = ResourceInventory.Read(obj.Json["status"]?["inventory"]).Removed(inventory);
                changes.AddRange(await new Pruner(client).PruneAsync(stale, obj.Name, obj.Namespace!, cancellationToken).ConfigureAwait(false));
            }

            var healthTargets = spec.Wait
                ? applied.Select(c => new ObjectKindReference(objects.First(o => o.Ref == c.Object).ApiVersion, c.Object.Kind, c.Object.Name, NullIfEmpty(c.Object.Namespace))).ToList()
                : spec.HealthChecks.Select(h => h with { Namespace = h.Namespace ?? obj.Namespace }).ToList();
            if (healthTargets.Count > 0)
            {
                await progress.HealthCheckingAsync(artifact.Revision, spec.EffectiveTimeout, cancellationToken).ConfigureAwait(false);
            }

            await new HealthWaiter(client, _options.PollInterval, _time, expressions.Health).WaitAsync(healthTargets, spec.EffectiveTimeout, cancellationToken).ConfigureAwait(false);
            return new ReconcileOutcome(artifact.Revision, changes, inventory, healthTargets.Count > 0);
        }
        catch (KubeApiException ex) when (ex.IsForbidden)
        {
            throw new ReconcileStepException(Reasons.ReconciliationFailed, ex.Message, ex);
        }
        finally
        {
            target?.Dispose();
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>postBuild variables: substituteFrom in order (optional ones may be missing), then substitute.</summary>
    private async Task<IReadOnlyDictionary<string, string>?> VariablesAsync(KubeObject obj, KustomizationSpec spec, CancellationToken cancellationToken)
    {
        if (spec.PostBuild is not { } postBuild)
        {
            return null;
        }

        var sources = new List<KubeObject>();
        foreach (var from in postBuild.SubstituteFrom)
        {
            var found = await ObjectReader.GetAsync(_client, "v1", from.Kind, obj.Namespace, from.Name, cancellationToken).ConfigureAwait(false);
            if (found is null && !from.Optional)
            {
                throw new ReconcileStepException(Reasons.BuildFailed,
                    $"post build failed: substituteFrom {from.Kind} '{obj.Namespace}/{from.Name}' not found; create it or mark it optional: true");
            }

            if (found is not null)
            {
                sources.Add(found);
            }
        }

        try
        {
            return PostBuildSubstitution.CollectVariables(sources, postBuild.Substitute);
        }
        catch (SubstitutionException ex)
        {
            throw new ReconcileStepException(Reasons.BuildFailed, "post build failed: " + ex.Message, ex);
        }
    }

    /// <summary>spec.decryption: the age (*.agekey) and OpenPGP (*.asc) keys of the referenced Secret.</summary>
    private async Task<SopsKeyring?> KeyringAsync(KubeObject obj, KustomizationSpec spec, CancellationToken cancellationToken)
    {
        if (!spec.DecryptionEnabled || spec.DecryptionSecret is not { } name)
        {
            return null;
        }

        var secret = await ObjectReader.GetAsync(_client, "v1", "Secret", obj.Namespace, name, cancellationToken).ConfigureAwait(false)
            ?? throw new ReconcileStepException(Reasons.DecryptionFailed, $"decryption secret '{obj.Namespace}/{name}' not found; create it with the age (*.agekey) or OpenPGP (*.asc) keys, or fix spec.decryption.secretRef");
        var data = ObjectReader.SecretData(secret);
        try
        {
            return SopsKeyring.FromKeyMaterial(
                data.Where(p => p.Key.EndsWith(".agekey", StringComparison.Ordinal)).Select(p => ObjectReader.Text(p.Value)),
                data.Where(p => p.Key.EndsWith(".asc", StringComparison.Ordinal)).Select(p => p.Value));
        }
        catch (SopsException ex)
        {
            // The reason names the malformed entry, never the key material.
            throw new ReconcileStepException(Reasons.DecryptionFailed, $"decryption secret '{obj.Namespace}/{name}': {ex.Reason}", ex);
        }
    }

    private void CountChanges(IEnumerable<ChangeSetEntry> changes)
    {
        foreach (var change in changes.Where(c => c.Action is ApplyAction.Created or ApplyAction.Configured or ApplyAction.Deleted))
        {
            _metrics.Applied.Add(1, KustomizationSpec.Kind, change.Action.ToString().ToLowerInvariant());
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
