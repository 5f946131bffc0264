using System.Text.Json.Nodes;
using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>Flux's managed-fields cleanup: fields kubectl added are removed at the next reconcile, unless the object says ssa: Merge.</summary>
[Collection(ControllersCollection.Name)]
public sealed class KustomizationSsaTests(ControllersFixture rig)
{
    [Fact]
    public async Task Fields_added_with_kubectl_are_removed_at_the_next_reconcile_but_kept_with_ssa_merge()
    {
        var ns = await rig.NamespaceAsync("ssa");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/plain.yaml", TestManifests.ConfigMap("plain", "version", "1"))
            .Write("app/merged.yaml", TestManifests.ConfigMap("merged", "version", "1").Replace(
                "  name: merged", "  name: merged\n  annotations:\n    kustomize.toolkit.fluxcd.io/ssa: Merge", StringComparison.Ordinal))
            .Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n"));
        await rig.WaitForConditionAsync(ns, "app", "True", "ReconciliationSucceeded");

        // Client-side kubectl apply adds a key (and its last-applied annotation); kubectl label adds a label.
        foreach (var name in new[] { "plain", "merged" })
        {
            await rig.ApplyAsync($"""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {name}
                  namespace: {ns}
                data:
                  version: "1"
                  added: by-kubectl
                """);
            await rig.Kubectl.RunAsync(null, "label", "configmap", name, "-n", ns, "team=ops");
        }

        Assert.Equal("by-kubectl", (string?)(await ConfigMapAsync(ns, "plain"))["data"]!["added"]);
        await rig.RequestReconcileAsync("kustomization", ns, "app");
        await rig.Until(async () => (await ConfigMapAsync(ns, "plain"))["data"]!["added"] is null, "kubectl's key removed from the plain ConfigMap");

        var plain = await ConfigMapAsync(ns, "plain");
        Assert.Null(plain["metadata"]!["labels"]!["team"]);
        Assert.Null(plain["metadata"]!["annotations"]?["kubectl.kubernetes.io/last-applied-configuration"]);
        Assert.DoesNotContain(Managers(plain), m => m.StartsWith("kubectl", StringComparison.Ordinal));
        Assert.Equal("1", (string?)plain["data"]!["version"]);

        var merged = await ConfigMapAsync(ns, "merged");
        Assert.Equal("by-kubectl", (string?)merged["data"]!["added"]);
        Assert.Equal("ops", (string?)merged["metadata"]!["labels"]!["team"]);
        Assert.NotNull(merged["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]);
        Assert.Contains("kubectl-client-side-apply", Managers(merged));

        var events = await rig.Kubectl.GetJsonAsync("get", "events", "-n", ns, "--field-selector", "involvedObject.name=app");
        var drift = events["items"]!.AsArray().Select(e => (string?)e!["message"]).Single(m => m!.StartsWith("Drift corrected", StringComparison.Ordinal));
        Assert.Contains($"ConfigMap/{ns}/plain configured", drift, StringComparison.Ordinal);
        Assert.Contains("data.added", drift, StringComparison.Ordinal);
        Assert.DoesNotContain("/merged", drift, StringComparison.Ordinal);
    }

    private async Task<JsonObject> ConfigMapAsync(string ns, string name) => (await rig.GetAsync("v1", "ConfigMap", ns, name))!.Json;

    private static List<string> Managers(JsonObject obj) =>
        (obj["metadata"]!["managedFields"] as JsonArray ?? []).Select(e => (string?)e!["manager"] ?? string.Empty).ToList();
}
