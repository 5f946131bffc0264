using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Helm.Storage;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// status.history as helm-controller's Snapshots: one per stored revision, newest first, truncated after the previous
/// successful (deployed or superseded, without a failed test unless tests are ignored) revision, or to the newest 5
/// when there is none. ociDigest is stamped on the newest revision and kept on older ones from the previous status.
/// </summary>
internal static class ReleaseSnapshots
{
    private const int DefaultMaxHistory = 5;

    public static JsonArray Build(IReadOnlyList<Release> releases, string? ociDigest, JsonArray? previous, bool ignoreTests)
    {
        var ordered = releases.OrderByDescending(r => r.Version).ToList();
        var keep = ordered.Count;
        var previousSuccess = ordered.Skip(1).Select((r, i) => (r, i)).FirstOrDefault(p =>
            p.r.Info.Status is ReleaseStatus.Deployed or ReleaseStatus.Superseded && (ignoreTests || !HasFailedTest(p.r)));
        if (previousSuccess.r is not null)
        {
            keep = previousSuccess.i + 2;
        }
        else if (keep > DefaultMaxHistory)
        {
            keep = DefaultMaxHistory;
        }

        var oldDigests = (previous ?? []).OfType<JsonObject>()
            .Where(s => (string?)s["ociDigest"] is not null && s["version"] is JsonValue)
            .GroupBy(s => ((string?)s["name"], (int)s["version"]!))
            .ToDictionary(g => g.Key, g => (string?)g.First()["ociDigest"]);
        var snapshots = new JsonArray();
        foreach (var release in ordered.Take(keep))
        {
            var snapshot = Snapshot(release);
            if (ociDigest is not null && release == ordered[0])
            {
                snapshot["ociDigest"] = "sha256:" + ociDigest;
            }
            else if (oldDigests.TryGetValue((release.Name, release.Version), out var kept))
            {
                snapshot["ociDigest"] = kept;
            }

            snapshots.Add(snapshot);
        }

        return snapshots;
    }

    private static JsonObject Snapshot(Release release)
    {
        var snapshot = new JsonObject
        {
            ["digest"] = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ReleaseJson.Serialize(release)))),
            ["name"] = release.Name,
            ["namespace"] = release.Namespace,
            ["version"] = release.Version,
            ["status"] = release.Info.Status,
            ["chartName"] = release.Chart.Name,
            ["chartVersion"] = release.Chart.Version,
            ["appVersion"] = release.Chart.AppVersion,
            ["configDigest"] = ValuesComposer.Digest(release.Config),
            ["firstDeployed"] = Time(release.Info.FirstDeployed),
            ["lastDeployed"] = Time(release.Info.LastDeployed),
        };
        if (release.Info.Deleted is { } deleted)
        {
            snapshot["deleted"] = Time(deleted);
        }

        var tests = release.Hooks.Where(h => h.Events.Contains("test") && h.LastRun.StartedAt is not null).ToList();
        if (tests.Count > 0)
        {
            var hooks = new JsonObject();
            foreach (var test in tests)
            {
                hooks[release.Namespace + "/" + test.Name] = new JsonObject
                {
                    ["lastStarted"] = Time(test.LastRun.StartedAt),
                    ["lastCompleted"] = Time(test.LastRun.CompletedAt),
                    ["phase"] = test.LastRun.Phase,
                };
            }

            snapshot["testHooks"] = hooks;
        }

        return snapshot;
    }

    private static bool HasFailedTest(Release release) =>
        release.Hooks.Any(h => h.Events.Contains("test") && h.LastRun.Phase == HookExecution.Failed);

    private static string? Time(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
