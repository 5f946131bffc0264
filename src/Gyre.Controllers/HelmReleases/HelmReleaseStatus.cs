using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Apply.Inventory;
using Gyre.Controllers.Common;
using Gyre.Controllers.GitRepositories;
using Gyre.Helm.Storage;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// A HelmRelease's status being built during one reconcile: conditions, failure counters, last-attempted fields and
/// the history snapshots, written once at the end (<see cref="WriteAsync"/>).
/// </summary>
internal sealed class HelmReleaseStatus
{
    private readonly KubeObject _obj;
    private readonly TimeProvider _time;

    public HelmReleaseStatus(KubeObject obj, TimeProvider time)
    {
        _obj = obj;
        _time = time;
        Json = (obj.Json["status"] as JsonObject)?.DeepClone() as JsonObject ?? [];
        Conditions = ConditionSet.Read(Json);
        GitRepositoryReconciler.CopyRequestedAt(obj, Json);
    }

    public JsonObject Json { get; }

    public ConditionSet Conditions { get; }

    public int InstallFailures
    {
        get => Count("installFailures");
        set => Json["installFailures"] = value;
    }

    public int UpgradeFailures
    {
        get => Count("upgradeFailures");
        set => Json["upgradeFailures"] = value;
    }

    public void Fail(bool install)
    {
        Json["failures"] = Count("failures") + 1;
        if (install)
        {
            InstallFailures++;
        }
        else
        {
            UpgradeFailures++;
        }
    }

    /// <summary>Conditions other than Ready set during this reconcile, in order: each becomes an event.</summary>
    public List<Condition> Changes { get; } = [];

    public void Set(string type, bool value, string reason, string message)
    {
        Conditions.Set(type, value ? ConditionStatus.True : ConditionStatus.False, reason, message, _obj.Generation, _time.GetUtcNow());
        if (type != ConditionTypes.Ready)
        {
            Changes.Add(Conditions.Get(type)!);
        }
    }

    /// <summary>Sets a condition without an event of its own (the caller adds the event it wants to <see cref="Notes"/>).</summary>
    public void Mark(string type, bool value, string reason, string message) =>
        Conditions.Set(type, value ? ConditionStatus.True : ConditionStatus.False, reason, message, _obj.Generation, _time.GetUtcNow());

    /// <summary>Events to record after this reconcile besides the condition changes (drift detected, corrected).</summary>
    public List<(bool Warning, string Reason, string Message)> Notes { get; } = [];

    /// <summary>Whether the post-renderers and common metadata the last release was made with are the spec's.</summary>
    public bool PostRenderersObserved(Api.Helm.HelmReleaseSpec spec) =>
        (string?)Json["observedPostRenderersDigest"] == PostRenderer.Digest(spec) && (string?)Json["observedCommonMetadataDigest"] == PostRenderer.CommonMetadataDigest(spec);

    /// <summary>status.observedPostRenderersDigest and observedCommonMetadataDigest after a release made with them.</summary>
    public void ObservePostRenderers(Api.Helm.HelmReleaseSpec spec)
    {
        SetOrRemove("observedPostRenderersDigest", PostRenderer.Digest(spec));
        SetOrRemove("observedCommonMetadataDigest", PostRenderer.CommonMetadataDigest(spec));
    }

    private void SetOrRemove(string field, string? value)
    {
        if (value is null)
        {
            Json.Remove(field);
        }
        else
        {
            Json[field] = value;
        }
    }

    /// <summary>Resets the failure counters when the desired state changed (Flux: new chart, values or generation) or on resetAt.</summary>
    public void ResetWhenChanged(string revision, string configDigest)
    {
        var reset = _obj.GetAnnotation("reconcile.fluxcd.io/resetAt");
        if ((string?)Json["lastAttemptedRevision"] != revision || (string?)Json["lastAttemptedConfigDigest"] != configDigest
            || Count("lastAttemptedGeneration") != _obj.Generation || (reset is not null && (string?)Json["lastHandledResetAt"] != reset))
        {
            Json["failures"] = 0;
            InstallFailures = 0;
            UpgradeFailures = 0;
            Conditions.Remove(ConditionTypes.Stalled);
        }

        if (reset is not null)
        {
            Json["lastHandledResetAt"] = reset;
        }

        Json["lastAttemptedRevision"] = revision;
        Json["lastAttemptedConfigDigest"] = configDigest;
        Json["lastAttemptedGeneration"] = _obj.Generation;
    }

    /// <summary>status.history: the stored revisions newest first, as Flux's Snapshots (truncated as Flux does).</summary>
    public void SetHistory(IReadOnlyList<Release> releases, string? ociDigest, bool ignoreTests) =>
        Json["history"] = ReleaseSnapshots.Build(releases, ociDigest, Json["history"] as JsonArray, ignoreTests);

    /// <summary>status.inventory: the objects of the current release manifest (hooks excluded); removed when there is no release.</summary>
    public void SetInventory(IReadOnlyList<KubeObject>? objects)
    {
        if (objects is null)
        {
            Json.Remove("inventory");
            return;
        }

        Json["inventory"] = ResourceInventory.From(objects).ToJson();
    }

    public async Task WriteAsync(ResourceClient resource, bool observed, CancellationToken cancellationToken)
    {
        Conditions.Remove(ConditionTypes.Reconciling);
        Json["conditions"] = Conditions.ToJson();
        if (observed)
        {
            Json["observedGeneration"] = _obj.Generation;
        }

        await StatusWriter.PatchAsync(resource, _obj, Json, cancellationToken).ConfigureAwait(false);
    }

    private int Count(string field) => Json[field] is JsonValue v && Gyre.Manifests.Json.KubeNumbers.TryGetInt64(v, out var n) ? (int)n : 0;

}
