using System.Diagnostics;
using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

[Collection(ControllersCollection.Name)]
public sealed class KustomizationBehaviourTests(ControllersFixture rig)
{
    [Fact]
    public async Task A_dependent_is_applied_as_soon_as_its_dependency_becomes_Ready_without_polling()
    {
        var ns = await rig.NamespaceAsync("deps");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("infra/settings.yaml", TestManifests.ConfigMap("infra-settings", "tier", "infra"))
            .Write("apps/app.yaml", TestManifests.ConfigMap("app-settings", "tier", "apps"))
            .Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));

        // The dependent first: it must wait, then wake up when infra becomes Ready (the rig's fallback requeue is 5m).
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "apps", "./apps", $"  targetNamespace: {ns}\n  dependsOn:\n  - name: infra\n"));
        var waiting = await rig.WaitForConditionAsync(ns, "apps", "False", "DependencyNotReady");
        Assert.Contains($"dependency '{ns}/infra' not found", (string?)waiting["message"], StringComparison.Ordinal);
        Assert.Null(await rig.GetAsync("v1", "ConfigMap", ns, "app-settings"));

        var clock = Stopwatch.StartNew();
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "infra", "./infra", $"  targetNamespace: {ns}\n"));
        await rig.WaitForConditionAsync(ns, "apps", "True", "ReconciliationSucceeded");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the dependent took {clock.Elapsed}");
        Assert.NotNull(await rig.GetAsync("v1", "ConfigMap", ns, "app-settings"));
    }

    [Fact]
    public async Task A_dependency_cycle_is_reported_as_Stalled_naming_the_cycle()
    {
        var ns = await rig.NamespaceAsync("cycle");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("a/cm.yaml", TestManifests.ConfigMap("a", "k", "v")).Write("b/cm.yaml", TestManifests.ConfigMap("b", "k", "v")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "a", "./a", $"  targetNamespace: {ns}\n  dependsOn:\n  - name: b\n"));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "b", "./b", $"  targetNamespace: {ns}\n  dependsOn:\n  - name: a\n"));

        var ready = await rig.WaitForConditionAsync(ns, "a", "False", "DependencyCycle");

        Assert.Contains($"dependency cycle detected: {ns}/a -> {ns}/b -> {ns}/a", (string?)ready["message"], StringComparison.Ordinal);
        Assert.Equal("True", (string?)(await rig.ConditionAsync(ns, "a", "Stalled"))?["status"]);
    }

    [Fact]
    public async Task PostBuild_substitutes_variables_from_a_ConfigMap_and_inline_values()
    {
        var ns = await rig.NamespaceAsync("postbuild");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/cm.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: app
            data:
              env: "${cluster_env}"
              region: "${region:=eu-west-1}"
              owner: "${owner}"
            """).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.Kubectl.RunAsync(null, "create", "configmap", "cluster-settings", "-n", ns, "--from-literal=cluster_env=production", "--from-literal=owner=platform");
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $$"""
              targetNamespace: {{ns}}
              postBuild:
                substitute:
                  owner: team-a
                substituteFrom:
                - kind: ConfigMap
                  name: cluster-settings
                - kind: Secret
                  name: missing
                  optional: true
            """));

        await rig.WaitForConditionAsync(ns, "app", "True");

        var data = (await rig.GetAsync("v1", "ConfigMap", ns, "app"))!.Json["data"]!;
        Assert.Equal("production", (string?)data["env"]);
        Assert.Equal("eu-west-1", (string?)data["region"]);
        Assert.Equal("team-a", (string?)data["owner"]);
    }

    [Fact]
    public async Task Suspended_Kustomizations_are_left_alone_until_resumed()
    {
        var ns = await rig.NamespaceAsync("suspend");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/cm.yaml", TestManifests.ConfigMap("app", "version", "1")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n"));
        await rig.WaitForConditionAsync(ns, "app", "True");

        await rig.Kubectl.RunAsync(null, "patch", "kustomization", "app", "-n", ns, "--type=merge", "-p", """{"spec":{"suspend":true}}""");
        var second = repo.Write("app/cm.yaml", TestManifests.ConfigMap("app", "version", "2")).Push("v2");
        await rig.RequestReconcileAsync("gitrepository", ns, "fleet");
        await rig.Until(async () => ((string?)(await rig.GetAsync("source.toolkit.fluxcd.io/v1", "GitRepository", ns, "fleet"))!.Json["status"]!["artifact"]!["revision"])!.EndsWith(second, StringComparison.Ordinal), "new artifact");
        await Task.Delay(1500);
        Assert.Equal("1", (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "app"))!.Json["data"]!["version"]);

        await rig.Kubectl.RunAsync(null, "patch", "kustomization", "app", "-n", ns, "--type=merge", "-p", """{"spec":{"suspend":false}}""");
        await rig.Until(async () => (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "app"))!.Json["data"]!["version"] == "2", "resumed apply");
    }

    [Fact]
    public async Task A_health_check_that_never_passes_fails_at_the_timeout_naming_the_object()
    {
        var ns = await rig.NamespaceAsync("health");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/web.yaml", TestManifests.Deployment("web", "{gyre.io/simulate: never-ready}")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"""
              targetNamespace: {ns}
              timeout: 2s
              healthChecks:
              - apiVersion: apps/v1
                kind: Deployment
                name: web
                namespace: {ns}
            """));

        var ready = await rig.WaitForConditionAsync(ns, "app", "False", "HealthCheckFailed");

        Assert.Contains($"timeout waiting for: [Deployment/{ns}/web status: 'InProgress'", (string?)ready["message"], StringComparison.Ordinal);
        Assert.Equal("False", (string?)(await rig.ConditionAsync(ns, "app", "Healthy"))?["status"]);
    }

    [Fact]
    public async Task A_SOPS_encrypted_object_is_refused_when_decryption_is_not_configured()
    {
        var ns = await rig.NamespaceAsync("sops");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/secret.yaml", """
            apiVersion: v1
            kind: Secret
            metadata:
              name: db
            stringData:
              password: ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]
            sops:
              mac: ENC[AES256_GCM,data:xyz,iv:def,tag:ghi,type:str]
              version: 3.9.0
            """).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n"));

        var ready = await rig.WaitForConditionAsync(ns, "app", "False", "DecryptionFailed");

        Assert.Contains($"Secret/{ns}/db is SOPS-encrypted and spec.decryption is not set", (string?)ready["message"], StringComparison.Ordinal);
        Assert.Null(await rig.GetAsync("v1", "Secret", ns, "db"));
    }

    [Fact]
    public async Task A_broken_kustomization_file_fails_the_build_naming_the_file()
    {
        var ns = await rig.NamespaceAsync("build");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/kustomization.yaml", "resources:\n- missing.yaml\n").Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app"));

        var ready = await rig.WaitForConditionAsync(ns, "app", "False", "BuildFailed");

        Assert.Contains("missing.yaml", (string?)ready["message"], StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), (string?)ready["message"], StringComparison.Ordinal);
    }
}
