using Gyre.Controllers.Tests.Support;
using Gyre.Helm.Storage;
using Gyre.Kube.Watch;

namespace Gyre.Controllers.Tests;

/// <summary>Helm's uninstall as helm-controller runs it: the uninstalling status first, then deletes in Helm's UninstallOrder.</summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmReleaseUninstallOrderTests(ControllersFixture rig)
{
    [Fact]
    public async Task Uninstall_records_uninstalling_then_deletes_in_helms_uninstall_order_and_keeps_kept_objects()
    {
        var files = HelmTestCharts.Podinfo("1.0.0");
        files["templates/service.yaml"] = "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  ports:\n  - port: 80\n";
        files["templates/sa.yaml"] = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ .Release.Name }}\n";
        files["templates/kept.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-kept\n  annotations:\n    helm.sh/resource-policy: keep\n";
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-unorder", ("podinfo", "1.0.0", files));
        await using var _ = repo;
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", "  uninstall:\n    keepHistory: true\n"));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");
        var since = (await rig.GetAsync("v1", "Secret", ns, "sh.helm.release.v1.web.v1"))!.Json["metadata"]!["resourceVersion"]!.GetValue<string>();

        await rig.Kubectl.RunAsync(null, "delete", "helmrelease", "web", "-n", ns, "--wait=false");

        await rig.Until(async () => (await rig.StoredReleaseAsync(ns, "web", 1)).Info.Status == ReleaseStatus.Uninstalled, "the release to be uninstalled");
        var statuses = await ChangesAsync("v1", "Secret", ns, since, e => e.Type == WatchEventType.Modified && (string?)e.Object["metadata"]!["name"] == "sh.helm.release.v1.web.v1",
            e => ReleaseSecret.FromSecret(e.Object).Info.Status, s => s == ReleaseStatus.Uninstalled);
        Assert.Equal([ReleaseStatus.Uninstalling, ReleaseStatus.Uninstalled], statuses.Select(s => s.Value).Distinct());
        var deletes = new List<(long Version, string Value)>();
        foreach (var (apiVersion, kind, name) in new[] { ("v1", "ServiceAccount", "web"), ("v1", "ConfigMap", "web-config"), ("apps/v1", "Deployment", "web"), ("v1", "Service", "web") })
        {
            deletes.AddRange(await ChangesAsync(apiVersion, kind, ns, since, e => e.Type == WatchEventType.Deleted && (string?)e.Object["metadata"]!["name"] == name,
                _ => kind, _ => true));
        }

        // Helm's UninstallOrder: Services before the workloads behind them, then ConfigMaps, then ServiceAccounts
        // (neither the reverse install order Deployment → Service → ConfigMap → ServiceAccount nor kustomize's).
        Assert.Equal(["Service", "Deployment", "ConfigMap", "ServiceAccount"], deletes.OrderBy(d => d.Version).Select(d => d.Value));
        Assert.True(statuses.First(s => s.Value == ReleaseStatus.Uninstalling).Version < deletes.Min(d => d.Version), "the uninstalling status is stored before the first delete");
        Assert.NotNull(await rig.GetAsync("v1", "ConfigMap", ns, "web-kept"));
    }

    /// <summary>Replays a kind's watch events since a resourceVersion, keeping the matching ones until one satisfies <paramref name="last"/>.</summary>
    private async Task<List<(long Version, string Value)>> ChangesAsync(string apiVersion, string kind, string ns, string since,
        Func<WatchEvent, bool> match, Func<WatchEvent, string> value, Func<string, bool> last)
    {
        var resource = await rig.Client.ForKindAsync(apiVersion, kind, CancellationToken.None);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<(long, string)>();
        await foreach (var e in resource.WatchAsync(ns, new WatchOptions { ResourceVersion = since, AllowBookmarks = false }, deadline.Token))
        {
            if (!match(e))
            {
                continue;
            }

            var v = value(e);
            seen.Add((long.Parse(e.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture), v));
            if (last(v))
            {
                return seen;
            }
        }

        throw new InvalidOperationException($"the {kind} watch ended before the expected change; saw {string.Join(", ", seen)}");
    }
}
