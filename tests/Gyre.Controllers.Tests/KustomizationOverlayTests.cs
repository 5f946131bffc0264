using System.Text.Json.Nodes;
using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>The kustomize overlay fields of the Kustomization spec and the per-object kustomize.toolkit.fluxcd.io annotations.</summary>
[Collection(ControllersCollection.Name)]
public sealed class KustomizationOverlayTests(ControllersFixture rig)
{
    [Fact]
    public async Task NamePrefix_suffix_commonMetadata_images_patches_and_components_shape_what_is_applied()
    {
        var ns = await rig.NamespaceAsync("overlay");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/web.yaml", TestManifests.Deployment("web"))
            .Write("components/extra/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1alpha1
                kind: Component
                resources: [settings.yaml]
                """)
            .Write("components/extra/settings.yaml", TestManifests.ConfigMap("settings", "from", "component"))
            .Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $$"""
              targetNamespace: {{ns}}
              namePrefix: pre-
              nameSuffix: -suf
              commonMetadata:
                labels: {team: platform}
                annotations: {owner: ops}
              images:
              - name: nginx
                newTag: "1.28"
              patches:
              - target: {kind: Deployment}
                patch: |
                  - op: replace
                    path: /spec/replicas
                    value: 2
              components:
              - ../components/extra
            """));

        await rig.WaitForConditionAsync(ns, "app", "True", "ReconciliationSucceeded");

        var web = (await rig.GetAsync("apps/v1", "Deployment", ns, "pre-web-suf"))!;
        Assert.Equal(2, (int)web.Json["spec"]!["replicas"]!);
        Assert.Equal("nginx:1.28", (string?)web.Json["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Equal("platform", web.GetLabel("team"));
        Assert.Equal("ops", web.GetAnnotation("owner"));
        var settings = (await rig.GetAsync("v1", "ConfigMap", ns, "pre-settings-suf"))!;
        Assert.Equal("platform", settings.GetLabel("team"));
    }

    [Fact]
    public async Task Per_object_annotations_skip_keep_or_only_create_objects()
    {
        var ns = await rig.NamespaceAsync("annotations");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/once.yaml", WithAnnotation(TestManifests.ConfigMap("once", "v", "git"), "kustomize.toolkit.fluxcd.io/ssa: IfNotPresent"))
            .Write("app/ignored.yaml", WithAnnotation(TestManifests.ConfigMap("ignored", "v", "git"), "kustomize.toolkit.fluxcd.io/reconcile: disabled"))
            .Write("app/kept.yaml", WithAnnotation(TestManifests.ConfigMap("kept", "v", "git"), "kustomize.toolkit.fluxcd.io/prune: disabled"))
            .Write("app/plain.yaml", TestManifests.ConfigMap("plain", "v", "git"))
            .Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n"));
        await rig.WaitForConditionAsync(ns, "app", "True", "ReconciliationSucceeded");

        Assert.Null(await rig.GetAsync("v1", "ConfigMap", ns, "ignored"));
        Assert.Equal("git", await ValueAsync(ns, "once"));

        // IfNotPresent: a later edit in the cluster stays; the plain object is reverted and pruning spares "kept".
        await rig.Kubectl.RunAsync(null, "patch", "configmap", "once", "-n", ns, "--type=merge", "-p", """{"data":{"v":"edited"}}""");
        await rig.Kubectl.RunAsync(null, "patch", "configmap", "plain", "-n", ns, "--type=merge", "-p", """{"data":{"v":"edited"}}""");
        var second = repo.Delete("app/kept.yaml").Push("drop kept");
        await rig.RequestReconcileAsync("gitrepository", ns, "fleet");
        await rig.Until(async () => (string?)(await rig.KustomizationAsync(ns, "app"))?.Json["status"]?["lastAppliedRevision"] == $"main@sha1:{second}", "the second revision applied");

        Assert.Equal("edited", await ValueAsync(ns, "once"));
        Assert.Equal("git", await ValueAsync(ns, "plain"));
        Assert.Equal("git", await ValueAsync(ns, "kept"));
        var ids = (await rig.KustomizationAsync(ns, "app"))!.Json["status"]!["inventory"]!["entries"]!.AsArray().Select(e => (string?)e!["id"]).ToList();
        Assert.DoesNotContain($"{ns}_kept__ConfigMap", ids);
        Assert.Contains($"{ns}_ignored__ConfigMap", ids); // as Flux: skipped objects stay in the inventory
        Assert.Contains($"{ns}_once__ConfigMap", ids);
    }

    private static string WithAnnotation(string yaml, string annotation) =>
        yaml.Replace("metadata:\n", $"metadata:\n  annotations:\n    {annotation}\n", StringComparison.Ordinal);

    private async Task<string?> ValueAsync(string ns, string name) => (string?)(await rig.GetAsync("v1", "ConfigMap", ns, name))?.Json["data"]?["v"];
}
