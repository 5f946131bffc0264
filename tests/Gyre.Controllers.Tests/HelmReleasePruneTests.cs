using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>
/// What an upgrade deletes: the objects the previous revision had and the new one does not, except those whose live
/// object carries helm.sh/resource-policy: keep (Helm's kube client reads each one before deleting it).
/// </summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmReleasePruneTests(ControllersFixture rig)
{
    [Fact]
    public async Task An_upgrade_keeps_a_dropped_object_annotated_keep_on_the_cluster_and_deletes_the_others()
    {
        var first = HelmTestCharts.Podinfo("1.0.0");
        first["templates/legacy.yaml"] = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-legacy
            data:
              k: v
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-old
            data:
              k: v
            """;
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-prune-keep", ("podinfo", "1.0.0", first), ("podinfo", "1.1.0", HelmTestCharts.Podinfo("1.1.0")));
        await using var _ = repo;
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0"));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");
        await rig.ApplyAsync($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-legacy\n  namespace: {ns}\n  annotations:\n    helm.sh/resource-policy: keep\ndata:\n  k: v\n");

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.1.0"));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True", "UpgradeSucceeded");

        Assert.NotNull(await rig.GetAsync("v1", "ConfigMap", ns, "web-legacy"));
        Assert.Null(await rig.GetAsync("v1", "ConfigMap", ns, "web-old"));
    }
}
