using System.Text.Json.Nodes;
using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>install/upgrade.serverSideApply: disabled writes as Helm 3 (create, merge patch), auto follows the last release.</summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmReleaseApplyMethodTests(ControllersFixture rig)
{
    [Fact]
    public async Task With_serverSideApply_off_objects_are_updated_client_side_and_auto_keeps_doing_so_until_enabled()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-csa", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0",
            "  install:\n    serverSideApply: false\n  values:\n    deploymentAnnotations:\n      team: a\n"));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");
        Assert.Equal(["Update"], await OperationsAsync(ns));
        Assert.Equal("csa", (await rig.StoredReleaseAsync(ns, "web", 1)).ApplyMethod);

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", "  install:\n    serverSideApply: false\n  values:\n    replicaCount: 2\n"));

        await rig.WaitForReleaseReadyAsync(ns, "web", "True", "UpgradeSucceeded");
        var deployment = (await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!;
        Assert.Null(deployment.GetAnnotation("team"));
        Assert.Equal(2, (int)deployment.Json["spec"]!["replicas"]!);
        Assert.Equal(["Update"], await OperationsAsync(ns));
        Assert.Equal("csa", (await rig.StoredReleaseAsync(ns, "web", 2)).ApplyMethod);

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", "  upgrade:\n    serverSideApply: enabled\n  values:\n    replicaCount: 3\n"));

        await rig.WaitForReleaseReadyAsync(ns, "web", "True", "UpgradeSucceeded");
        Assert.Contains("Apply", await OperationsAsync(ns));
        Assert.Equal("ssa", (await rig.StoredReleaseAsync(ns, "web", 3)).ApplyMethod);
    }

    [Fact]
    public async Task By_default_releases_are_written_with_server_side_apply_and_say_so()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-ssa", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0"));

        await rig.WaitForReleaseReadyAsync(ns, "web", "True");
        Assert.Equal(["Apply"], await OperationsAsync(ns));
        Assert.Equal("ssa", (await rig.StoredReleaseAsync(ns, "web", 1)).ApplyMethod);
    }

    /// <summary>The operations of helm-controller's managedFields entries on the Deployment.</summary>
    private async Task<List<string>> OperationsAsync(string ns) =>
        ((await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!.Json["metadata"]!["managedFields"] as JsonArray ?? [])
            .OfType<JsonObject>().Where(e => (string?)e["manager"] == "helm-controller" && e["subresource"] is null)
            .Select(e => (string)e["operation"]!).Order(StringComparer.Ordinal).ToList();
}
