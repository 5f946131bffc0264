using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Api.Image;
using Gyre.Api.Meta;
using Gyre.Images;
using Gyre.Manifests;

namespace Gyre.Controllers.ImageRepositories;

/// <summary>
/// image-reflector-controller's shouldScan: scan now when never scanned, when a new requestedAt is seen, when the
/// canonical image name or the exclusion list changed, when the tag store has nothing for the repository, or when
/// the interval has passed since status.lastScanResult.scanTime; otherwise wait for the rest of the interval.
/// The ImageRepository's own spec changes and failed attempts scan again at once too.
/// </summary>
internal static class ScanSchedule
{
    public static (bool Now, TimeSpan Wait, string Why) Decide(KubeObject obj, ImageRepositorySpec spec, ImageName image, bool hasStoredTags, DateTimeOffset now)
    {
        var status = obj.Json["status"];
        if (status?["lastScanResult"] is not JsonObject last || !DateTimeOffset.TryParse((string?)last["scanTime"], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var scanTime))
        {
            return (true, spec.Interval, "first scan");
        }

        if (obj.GetAnnotation(FluxAnnotations.RequestedAt) is { } requested && requested != (string?)status["lastHandledReconcileAt"])
        {
            return (true, spec.Interval, "reconcile requested");
        }

        // Gyre also rescans after a spec change or a failed attempt, where Flux would wait for the interval.
        if ((long?)status["observedGeneration"] != obj.Generation || !ConditionSet.Read(status).IsTrue(ConditionTypes.Ready))
        {
            return (true, spec.Interval, "new generation or last attempt failed");
        }

        if (image.Canonical != (string?)status["canonicalImageName"])
        {
            return (true, spec.Interval, "new image name");
        }

        var observed = (status["observedExclusionList"] as JsonArray ?? []).Select(n => (string?)n).ToHashSet(StringComparer.Ordinal);
        if (!observed.SetEquals(spec.ExclusionList) || observed.Count != spec.ExclusionList.Count)
        {
            return (true, spec.Interval, "updated exclusion list");
        }

        if (!hasStoredTags)
        {
            return (true, spec.Interval, "no tags in database");
        }

        var wait = spec.Interval - (now - scanTime);
        return wait < TimeSpan.FromSeconds(1) ? (true, spec.Interval, "triggered by interval") : (false, wait, "");
    }
}
