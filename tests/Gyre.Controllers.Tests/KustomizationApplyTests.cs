using System.Text.Json.Nodes;
using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

[Collection(ControllersCollection.Name)]
public sealed class KustomizationApplyTests(ControllersFixture rig)
{
    [Fact]
    public async Task Applies_a_small_app_from_git_to_Ready_with_inventory_and_owner_labels()
    {
        var ns = await rig.NamespaceAsync("app");
        using var repo = new FleetRepository(rig.Git, ns);
        var commit = repo.Write("apps/web/deployment.yaml", TestManifests.Deployment("web"))
            .Write("apps/web/service.yaml", TestManifests.Service("web"))
            .Write("apps/web/values.yaml", "replicas: 3\n")
            .Push();

        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "apps", "./apps", $"  targetNamespace: {ns}\n  wait: true\n"));

        var ready = await rig.WaitForConditionAsync(ns, "apps", "True", "ReconciliationSucceeded");
        Assert.Equal($"Applied revision: main@sha1:{commit}", (string?)ready["message"]);
        var ks = (await rig.KustomizationAsync(ns, "apps"))!;
        Assert.Equal($"main@sha1:{commit}", (string?)ks.Json["status"]!["lastAppliedRevision"]);
        var ids = ks.Json["status"]!["inventory"]!["entries"]!.AsArray().Select(e => (string)e!["id"]!).ToList();
        Assert.Equal([$"{ns}_web__Service", $"{ns}_web_apps_Deployment"], ids);
        Assert.Contains("finalizers.fluxcd.io", ks.Finalizers);
        Assert.Equal("True", (string?)(await rig.ConditionAsync(ns, "apps", "Healthy"))?["status"]);

        var deployment = (await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!;
        Assert.Equal("apps", deployment.GetLabel("kustomize.toolkit.fluxcd.io/name"));
        Assert.Equal(ns, deployment.GetLabel("kustomize.toolkit.fluxcd.io/namespace"));
        Assert.Contains(deployment.ManagedFields, f => (string?)f["manager"] == "kustomize-controller" && (string?)f["operation"] == "Apply");

        var events = await rig.Kubectl.GetJsonAsync("get", "events", "-n", ns, "--field-selector", "involvedObject.name=apps");
        var messages = events["items"]!.AsArray().Select(e => (string?)e!["message"]).ToList();
        Assert.Contains(messages, m => m!.Contains($"Deployment/{ns}/web created", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prunes_objects_whose_file_was_deleted_in_a_new_commit()
    {
        var ns = await rig.NamespaceAsync("prune");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("deploy/keep.yaml", TestManifests.ConfigMap("keep", "a", "1"))
            .Write("deploy/drop.yaml", TestManifests.ConfigMap("drop", "b", "2"))
            .Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "deploy", "./deploy", $"  targetNamespace: {ns}\n"));
        await rig.WaitForConditionAsync(ns, "deploy", "True");
        Assert.NotNull(await rig.GetAsync("v1", "ConfigMap", ns, "drop"));

        var second = repo.Delete("deploy/drop.yaml").Push("drop a config map");
        await rig.RequestReconcileAsync("gitrepository", ns, "fleet");

        await rig.Until(async () => await rig.GetAsync("v1", "ConfigMap", ns, "drop") is null, "ConfigMap drop pruned");
        // Pruning happens before the status is written, so wait for the new revision's Ready rather than any Ready.
        await rig.Until(async () => (string?)(await rig.ConditionAsync(ns, "deploy"))?["message"] == $"Applied revision: main@sha1:{second}",
            "Ready for the second commit");
        Assert.NotNull(await rig.GetAsync("v1", "ConfigMap", ns, "keep"));
        var ids = (await rig.KustomizationAsync(ns, "deploy"))!.Json["status"]!["inventory"]!["entries"]!.AsArray().Select(e => (string)e!["id"]!);
        Assert.Equal([$"{ns}_keep__ConfigMap"], ids);
    }

    [Fact]
    public async Task Drift_from_kubectl_scale_is_reverted_at_the_next_reconcile_and_reported()
    {
        var ns = await rig.NamespaceAsync("drift");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/web.yaml", TestManifests.Deployment("web")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n"));
        await rig.WaitForConditionAsync(ns, "app", "True");

        await rig.Kubectl.RunAsync(null, "scale", "deployment", "web", "-n", ns, "--replicas=5");
        Assert.Equal(5, (int)(await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!.Json["spec"]!["replicas"]!);
        await rig.RequestReconcileAsync("kustomization", ns, "app");

        await rig.Until(async () => (int?)(await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!.Json["spec"]!["replicas"] == 1, "replicas reverted to 1");
        await rig.Until(async () =>
        {
            var events = await rig.Kubectl.GetJsonAsync("get", "events", "-n", ns, "--field-selector", "involvedObject.name=app");
            return events["items"]!.AsArray().Any(e => ((string?)e!["message"])?.Contains($"Drift corrected: Deployment/{ns}/web configured (spec.replicas)", StringComparison.Ordinal) == true);
        }, "a drift event");
    }

    [Fact]
    public async Task An_unchanged_revision_writes_nothing_to_the_cluster()
    {
        var ns = await rig.NamespaceAsync("noop");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/cm.yaml", TestManifests.ConfigMap("settings", "a", "1")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n"));
        await rig.WaitForConditionAsync(ns, "app", "True");
        var before = (await rig.GetAsync("v1", "ConfigMap", ns, "settings"))!.ResourceVersion;
        var token = DateTime.UtcNow.ToString("O");

        await rig.Kubectl.RunAsync(null, "annotate", "--overwrite", "kustomization", "app", "-n", ns, $"reconcile.fluxcd.io/requestedAt={token}");
        await rig.Until(async () => (string?)(await rig.KustomizationAsync(ns, "app"))!.Json["status"]!["lastHandledReconcileAt"] == token, "requestedAt handled");

        Assert.Equal(before, (await rig.GetAsync("v1", "ConfigMap", ns, "settings"))!.ResourceVersion);
    }
}
