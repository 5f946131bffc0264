using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>spec.ignore: fields left to the cluster (e.g. replicas owned by an autoscaler) are neither reverted nor reported.</summary>
[Collection(ControllersCollection.Name)]
public sealed class KustomizationIgnoreTests(ControllersFixture rig)
{
    [Fact]
    public async Task Ignored_fields_keep_their_live_value_while_other_drift_is_reverted()
    {
        var ns = await rig.NamespaceAsync("ignore");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/web.yaml", TestManifests.Deployment("web")).Write("app/api.yaml", TestManifests.Deployment("api")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $$"""
              targetNamespace: {{ns}}
              ignore:
              - paths: ["/spec/replicas"]
                target:
                  kind: Deployment
                  name: we.*
            """));
        await rig.WaitForConditionAsync(ns, "app", "True", "ReconciliationSucceeded");
        Assert.Equal(1, await ReplicasAsync(ns, "web"));

        await rig.Kubectl.RunAsync(null, "scale", "deployment", "web", "api", "-n", ns, "--replicas=3");
        await rig.RequestReconcileAsync("kustomization", ns, "app");
        await rig.Until(async () => await ReplicasAsync(ns, "api") == 1, "drift on api reverted");

        Assert.Equal(3, await ReplicasAsync(ns, "web"));
        var events = await rig.Kubectl.GetJsonAsync("get", "events", "-n", ns, "--field-selector", "involvedObject.name=app");
        var drift = events["items"]!.AsArray().Select(e => (string?)e!["message"]).Single(m => m!.StartsWith("Drift corrected", StringComparison.Ordinal));
        Assert.Contains($"Deployment/{ns}/api configured (spec.replicas)", drift, StringComparison.Ordinal);
        Assert.DoesNotContain("/web", drift, StringComparison.Ordinal);
    }

    private async Task<int?> ReplicasAsync(string ns, string name) => (int?)(await rig.GetAsync("apps/v1", "Deployment", ns, name))?.Json["spec"]?["replicas"];
}
