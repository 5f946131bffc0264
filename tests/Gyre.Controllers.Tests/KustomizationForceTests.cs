using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>spec.force and the force: enabled annotation: recreate an object whose change the API server refuses as immutable.</summary>
[Collection(ControllersCollection.Name)]
public sealed class KustomizationForceTests(ControllersFixture rig)
{
    [Fact]
    public async Task An_immutable_field_change_fails_until_force_recreates_the_object()
    {
        var ns = await rig.NamespaceAsync("force");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/web.yaml", TestManifests.Deployment("web"))
            .Write("app/settings.yaml", Settings("1"))
            .Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n"));
        await rig.WaitForConditionAsync(ns, "app", "True", "ReconciliationSucceeded");
        var firstUid = (string?)(await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!.Json["metadata"]!["uid"];

        // The selector of a Deployment cannot change; the immutable ConfigMap is annotated force: enabled.
        repo.Write("app/web.yaml", TestManifests.Deployment("web").Replace("app: web", "app: web-v2", StringComparison.Ordinal))
            .Write("app/settings.yaml", Settings("2"))
            .Push("change immutable fields");
        await rig.RequestReconcileAsync("gitrepository", ns, "fleet");
        var failed = await rig.WaitForConditionAsync(ns, "app", "False", "ReconciliationFailed");

        Assert.Contains($"Deployment/{ns}/web dry-run failed: Invalid", (string?)failed["message"], StringComparison.Ordinal);
        Assert.Contains("spec.selector", (string?)failed["message"], StringComparison.Ordinal);
        Assert.Equal("2", (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "settings"))!.Json["data"]!["version"]);

        await rig.Kubectl.RunAsync(null, "patch", "kustomization", "app", "-n", ns, "--type=merge", "-p", """{"spec":{"force":true}}""");
        await rig.WaitForConditionAsync(ns, "app", "True", "ReconciliationSucceeded");

        var web = (await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!;
        Assert.Equal("web-v2", (string?)web.Json["spec"]!["selector"]!["matchLabels"]!["app"]);
        Assert.NotEqual(firstUid, (string?)web.Json["metadata"]!["uid"]);
    }

    private static string Settings(string version) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          annotations:
            kustomize.toolkit.fluxcd.io/force: enabled
        immutable: true
        data:
          version: "{version}"
        """;
}
