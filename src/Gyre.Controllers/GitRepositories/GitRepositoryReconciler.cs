using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Api;
using Gyre.Api.Meta;
using Gyre.Api.Source;
using Gyre.Controllers.Common;
using Gyre.Kube;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;
using Gyre.Runtime.Reconcile;
using Gyre.Sources;
using Gyre.Sources.Artifacts;
using Gyre.Sources.Git;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.GitRepositories;

/// <summary>
/// source-controller's GitRepository reconcile: finalizer → suspend → read spec and credentials → fetch through
/// <see cref="GitRepositorySource"/> (one ls-remote when nothing changed) → status.artifact, conditions and an event
/// on a new revision → garbage-collect old artifacts → requeue at spec.interval.
/// </summary>
internal sealed class GitRepositoryReconciler : IReconciler
{
    private const string ApiVersion = "source.toolkit.fluxcd.io/v1";

    private readonly KubeClient _client;
    private readonly GitRepositorySource _source;
    private readonly ArtifactStore _store;
    private readonly EventRecorder _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly bool _allowInsecureHttp;

    public GitRepositoryReconciler(KubeClient client, GitRepositorySource source, ArtifactStore store, EventRecorder events, TimeProvider time, ILogger logger, bool allowInsecureHttp)
    {
        _client = client;
        _source = source;
        _store = store;
        _events = events;
        _time = time;
        _logger = logger;
        _allowInsecureHttp = allowInsecureHttp;
    }

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        if (await SourceObject.PrepareAsync(_client, _store, GitRepositorySpec.Kind, request, cancellationToken).ConfigureAwait(false) is not { } prepared)
        {
            return ReconcileResult.Done;
        }

        var (resource, obj) = prepared;
        GitRepositorySpec spec;
        try
        {
            spec = GitRepositorySpec.From(obj);
        }
        catch (ApiException ex)
        {
            await FailAsync(resource, obj, Reasons.InvalidSpec, ex.Message, stalled: true, cancellationToken).ConfigureAwait(false);
            throw new TerminalReconcileException(Reasons.InvalidSpec, ex.Message, ex);
        }

        if (spec.Suspend)
        {
            return ReconcileResult.Done;
        }

        return await FetchAsync(resource, obj, spec, request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReconcileResult> FetchAsync(ResourceClient resource, KubeObject obj, GitRepositorySpec spec, ReconcileRequest request, CancellationToken cancellationToken)
    {
        var status = obj.Json["status"] as JsonObject;
        var current = ArtifactStatus.FromJson(status?["artifact"]);
        GitRepositoryResult result;
        try
        {
            var gitRequest = new GitRepositoryRequest
            {
                Key = new ArtifactKey(GitRepositorySpec.Kind, obj.Namespace!, obj.Name),
                Url = spec.Url,
                Reference = Reference(spec),
                Timeout = spec.Timeout,
                RecurseSubmodules = spec.RecurseSubmodules,
                SparseCheckout = spec.SparseCheckout,
                Ignore = spec.Ignore,
                AllowInsecureHttp = _allowInsecureHttp,
                CurrentArtifact = current is null ? null : ToArtifact(current),
                ObservedContentConfig = GitRepositoryStatusFields.ObservedContentConfig(obj),
            };
            gitRequest = await new GitRepositoryInputs(_client).ApplyAsync(gitRequest, obj, spec, cancellationToken).ConfigureAwait(false);
            result = await _source.ReconcileAsync(gitRequest, cancellationToken).ConfigureAwait(false);
        }
        catch (SourceException ex)
        {
            var stalled = SourceStatus.IsStalling(ex);
            await FailAsync(resource, obj, ex.Reason, ex.Message, stalled, cancellationToken, ex.ConditionType).ConfigureAwait(false);
            if (stalled)
            {
                throw new TerminalReconcileException(ex.Reason, ex.Message, ex);
            }

            throw;
        }

        await SucceedAsync(resource, obj, spec, result, cancellationToken).ConfigureAwait(false);
        _store.GarbageCollect(result.Artifact, retentionRecords: 2, ttl: TimeSpan.FromMinutes(1));
        return ReconcileResult.Requeue(spec.Interval);
    }

    private async Task SucceedAsync(ResourceClient resource, KubeObject obj, GitRepositorySpec spec, GitRepositoryResult result, CancellationToken cancellationToken)
    {
        var status = (obj.Json["status"] as JsonObject)?.DeepClone() as JsonObject ?? [];
        var conditions = ConditionSet.Read(status);
        var now = _time.GetUtcNow();
        var message = $"stored artifact for revision '{result.Artifact.Revision}'";
        conditions.Set(ConditionTypes.Ready, ConditionStatus.True, Reasons.Succeeded, message, obj.Generation, now);
        conditions.Set(ConditionTypes.ArtifactInStorage, ConditionStatus.True, Reasons.Succeeded, message, obj.Generation, now);
        conditions.Remove(ConditionTypes.FetchFailed);
        conditions.Remove(ConditionTypes.IncludeUnavailable);
        conditions.Remove(ConditionTypes.StorageOperationFailed);
        GitRepositoryStatusFields.Write(status, conditions, obj, spec, result, now);
        conditions.Remove(ConditionTypes.Reconciling);
        conditions.Remove(ConditionTypes.Stalled);
        conditions.Remove(ConditionTypes.ArtifactOutdated);
        status["conditions"] = conditions.ToJson();
        status["observedGeneration"] = obj.Generation;
        status["artifact"] = FromArtifact(result.Artifact).ToJson();
        if (spec.Ignore is not null)
        {
            status["observedIgnore"] = spec.Ignore;
        }
        else
        {
            status.Remove("observedIgnore");
        }

        status["observedRecurseSubmodules"] = spec.RecurseSubmodules;
        if (spec.SparseCheckout.Count > 0)
        {
            status["observedSparseCheckout"] = new JsonArray([.. spec.SparseCheckout.Select(s => (JsonNode)s)]);
        }
        else
        {
            status.Remove("observedSparseCheckout");
        }

        CopyRequestedAt(obj, status);
        await StatusWriter.PatchAsync(resource, obj, status, cancellationToken).ConfigureAwait(false);
        if (result.Changed)
        {
            _logger.LogInformation("GitRepository {Namespace}/{Name} stored artifact for revision {Revision}", obj.Namespace, obj.Name, result.Artifact.Revision);
            await _events.RecordAsync(obj, EventRecorder.Normal, "NewArtifact", $"stored artifact for commit '{result.Artifact.Revision}'",
                result.Artifact.Revision, cancellationToken).ConfigureAwait(false);
        }
    }

    // As source-controller: only a configuration retrying cannot fix stalls; everything else (authentication included,
    // since the Secret may be fixed) is retried with backoff while the last good artifact keeps being served.
    private Task FailAsync(
        ResourceClient resource, KubeObject obj, string reason, string message, bool stalled, CancellationToken cancellationToken,
        string conditionType = ConditionTypes.FetchFailed) =>
        new SourceStatus(_events, _time, _logger).FailedAsync(resource, obj, conditionType, reason, message, stalled, cancellationToken);


    internal static void CopyRequestedAt(KubeObject obj, JsonObject status)
    {
        if (obj.GetAnnotation(FluxAnnotations.RequestedAt) is { } token)
        {
            status["lastHandledReconcileAt"] = token;
        }
    }

    private static GitReference Reference(GitRepositorySpec spec) =>
        spec.Branch is null && spec.Tag is null && spec.Semver is null && spec.RefName is null && spec.Commit is null
            ? GitReference.Default
            : new GitReference { Branch = spec.Branch, Tag = spec.Tag, Semver = spec.Semver, Name = spec.RefName, Commit = spec.Commit };

    internal static Artifact ToArtifact(ArtifactStatus status) => new()
    {
        Path = status.Path,
        Url = status.Url,
        Revision = status.Revision,
        Digest = status.Digest,
        Size = status.Size,
        LastUpdateTime = DateTimeOffset.TryParse(status.LastUpdateTime, CultureInfo.InvariantCulture, out var t) ? t : DateTimeOffset.UnixEpoch,
        Metadata = status.Metadata,
    };

    internal static ArtifactStatus FromArtifact(Artifact artifact) => new(
        artifact.Path,
        artifact.Url,
        artifact.Revision,
        artifact.Digest,
        artifact.LastUpdateTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        artifact.Size)
    {
        Metadata = artifact.Metadata,
    };
}
