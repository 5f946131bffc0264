using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Api.Meta;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// status.history as fluxcd/pkg apis/meta History.Upsert keeps it: one snapshot per (digest of the built manifests,
/// final Ready reason), most recent first, at most <see cref="MaxSize"/>. A repeat of a known pair moves that snapshot to
/// the front and counts it; a new pair starts a snapshot. metadata carries the revision and origin revision.
/// </summary>
internal static class KustomizationHistory
{
    public const int MaxSize = 5;

    /// <summary>The OCI annotation a source's artifact metadata carries the origin revision under (Flux's getOriginRevision).</summary>
    public const string OriginRevisionKey = "org.opencontainers.image.revision";

    public static string? OriginRevision(ArtifactStatus artifact) =>
        artifact.Metadata.TryGetValue(OriginRevisionKey, out var origin) && origin.Length > 0 ? origin : null;

    public static void Upsert(JsonObject status, ReconcileRun run, string reason, DateTimeOffset now)
    {
        if (run.Digest is null)
        {
            return;
        }

        var snapshots = (status["history"] as JsonArray ?? []).OfType<JsonObject>().Select(s => (JsonObject)s.DeepClone()).ToList();
        var time = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var metadata = new JsonObject { ["revision"] = run.Revision };
        if (run.OriginRevision is not null)
        {
            metadata["originRevision"] = run.OriginRevision;
        }

        var index = snapshots.FindIndex(s => (string?)s["digest"] == run.Digest && (string?)s["lastReconciledStatus"] == reason);
        JsonObject snapshot;
        if (index >= 0)
        {
            snapshot = snapshots[index];
            snapshots.RemoveAt(index);
            var total = snapshot["totalReconciliations"] is JsonValue v && v.TryGetValue<long>(out var n) ? n : 0;
            snapshot["totalReconciliations"] = total + 1;
        }
        else
        {
            snapshot = new JsonObject { ["digest"] = run.Digest, ["firstReconciled"] = time, ["totalReconciliations"] = 1L };
        }

        snapshot["lastReconciled"] = time;
        snapshot["lastReconciledDuration"] = GoDuration.Format(now - run.Started);
        snapshot["lastReconciledStatus"] = reason;
        snapshot["metadata"] = metadata;
        snapshots.Insert(0, snapshot);
        status["history"] = new JsonArray([.. snapshots.Take(MaxSize)]);
    }
}
