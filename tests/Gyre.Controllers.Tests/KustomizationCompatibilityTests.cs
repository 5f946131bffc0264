using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>What real repositories carry: older Flux apiVersions and optional components.</summary>
[Collection(ControllersCollection.Name)]
public sealed class KustomizationCompatibilityTests(ControllersFixture rig)
{
    [Fact]
    public async Task A_v1beta2_Kustomization_in_a_build_is_applied_and_then_reconciled_like_a_v1_one()
    {
        var ns = await rig.NamespaceAsync("v1beta2");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("clusters/apps.yaml", $"""
                apiVersion: kustomize.toolkit.fluxcd.io/v1beta2
                kind: Kustomization
                metadata:
                  name: apps
                  namespace: {ns}
                spec:
                  interval: 10m
                  path: ./apps
                  prune: true
                  targetNamespace: {ns}
                  sourceRef:
                    kind: GitRepository
                    name: fleet
                """)
            .Write("apps/cm.yaml", TestManifests.ConfigMap("app", "k", "v"))
            .Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "clusters", "./clusters"));

        await rig.WaitForConditionAsync(ns, "apps", "True", "ReconciliationSucceeded");

        Assert.NotNull(await rig.GetAsync("v1", "ConfigMap", ns, "app"));
        var ids = (await rig.KustomizationAsync(ns, "clusters"))!.Json["status"]!["inventory"]!["entries"]!.AsArray();
        Assert.Contains(ids, e => (string?)e!["id"] == $"{ns}_apps_kustomize.toolkit.fluxcd.io_Kustomization" && (string?)e["v"] == "v1beta2");
    }

    [Fact]
    public async Task IgnoreMissingComponents_drops_a_component_the_revision_does_not_have()
    {
        var ns = await rig.NamespaceAsync("components");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/cm.yaml", TestManifests.ConfigMap("app", "k", "v")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        var components = $"  targetNamespace: {ns}\n  components:\n  - ../components/not-yet\n";
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "strict", "./app", components));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "lenient", "./app", components + "  ignoreMissingComponents: true\n"));

        await rig.WaitForConditionAsync(ns, "lenient", "True", "ReconciliationSucceeded");
        var strict = await rig.WaitForConditionAsync(ns, "strict", "False", "BuildFailed");

        Assert.Contains("not-yet", (string?)strict["message"], StringComparison.Ordinal);
    }
}
