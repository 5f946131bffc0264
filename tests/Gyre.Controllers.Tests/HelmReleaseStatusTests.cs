using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>status.history (Flux's Snapshots, truncated after the previous successful release) and status.inventory.</summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmReleaseStatusTests(ControllersFixture rig)
{
    [Fact]
    public async Task History_keeps_the_releases_back_to_the_previous_successful_one_and_the_inventory_lists_the_release_objects()
    {
        var files = HelmTestCharts.Podinfo("1.0.0");
        files["crds/gadgets.yaml"] = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: gadgets.history.gyre.example.com
            spec:
              group: history.gyre.example.com
              names: {kind: Gadget, plural: gadgets, singular: gadget, listKind: GadgetList}
              scope: Namespaced
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
            """;
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-history", ("podinfo", "1.0.0", files));
        await using var _ = repo;
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0"));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", "  values:\n    replicaCount: 2\n"));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True", "UpgradeSucceeded");
        var afterTwo = (await rig.HelmReleaseAsync(ns, "web"))!.Json["status"]!["history"]!.AsArray();
        Assert.Equal([(2, "deployed"), (1, "superseded")], afterTwo.Select(s => ((int)s!["version"]!, (string)s["status"]!)));

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", "  values:\n    replicaCount: 3\n"));

        await rig.Until(async () => (int?)(await rig.HelmReleaseAsync(ns, "web"))!.Json["status"]!["history"]![0]!["version"] == 3, "revision 3 in status.history");
        var status = (await rig.HelmReleaseAsync(ns, "web"))!.Json["status"]!;
        Assert.Equal([(3, "deployed"), (2, "superseded")], status["history"]!.AsArray().Select(s => ((int)s!["version"]!, (string)s["status"]!)));
        Assert.Equal(("podinfo", "1.0.0", "1.0.0"), ((string?)status["history"]![0]!["chartName"], (string?)status["history"]![0]!["chartVersion"], (string?)status["history"]![0]!["appVersion"]));
        Assert.Equal((string?)status["lastAttemptedConfigDigest"], (string?)status["history"]![0]!["configDigest"]);
        var inventory = status["inventory"]!["entries"]!.AsArray().Select(e => ((string)e!["id"]!, (string)e["v"]!)).Order().ToList();
        Assert.Equal([("_gadgets.history.gyre.example.com_apiextensions.k8s.io_CustomResourceDefinition", "v1"), ($"{ns}_web-config__ConfigMap", "v1"), ($"{ns}_web_apps_Deployment", "v1")],
            inventory);
    }
}
