using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>healthCheckExprs and dependsOn readyExpr: Flux's CEL hooks, evaluated with Gyre.Cel.</summary>
[Collection(ControllersCollection.Name)]
public sealed class KustomizationCelTests(ControllersFixture rig)
{
    [Fact]
    public async Task HealthCheckExprs_judge_a_custom_resource_and_fail_fast_when_the_failed_expression_is_true()
    {
        var ns = await rig.NamespaceAsync("celhealth");
        var group = ns.Replace("-", string.Empty, StringComparison.Ordinal) + ".example.com";
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/crd.yaml", Crd(group)).Write("app/db.yaml", Database(group, "Running")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"""
              targetNamespace: {ns}
              wait: true
              timeout: 2m
              healthCheckExprs:
              - apiVersion: {group}/v1
                kind: Database
                inProgress: "status.phase == 'Provisioning'"
                failed: "status.phase == 'Failed'"
                current: "status.phase == 'Running'"
            """));
        await rig.WaitForConditionAsync(ns, "app", "True", "ReconciliationSucceeded");
        Assert.Equal("True", (string?)(await rig.ConditionAsync(ns, "app", "Healthy"))?["status"]);

        // kstatus alone would call this object Current (it has no conditions); the failed expression says otherwise,
        // and the wait stops at once instead of running into the two-minute timeout.
        repo.Write("app/db.yaml", Database(group, "Failed")).Push("fail");
        await rig.RequestReconcileAsync("gitrepository", ns, "fleet");
        var ready = await rig.WaitForConditionAsync(ns, "app", "False", "HealthCheckFailed", seconds: 60);

        Assert.Contains($"Database/{ns}/main status: 'Failed'", (string?)ready["message"], StringComparison.Ordinal);
        Assert.Contains("status.phase == 'Failed'", (string?)ready["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_health_expression_stalls_the_Kustomization_before_anything_is_applied()
    {
        var ns = await rig.NamespaceAsync("celbad");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/cm.yaml", TestManifests.ConfigMap("app", "k", "v")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"""
              targetNamespace: {ns}
              wait: true
              healthCheckExprs:
              - apiVersion: example.com/v1
                kind: Thing
                current: "status.phase == "
            """));

        var ready = await rig.WaitForConditionAsync(ns, "app", "False", "InvalidCELExpression");

        Assert.Contains("spec.healthCheckExprs[0] (example.com/v1 Thing)", (string?)ready["message"], StringComparison.Ordinal);
        Assert.Equal("True", (string?)(await rig.ConditionAsync(ns, "app", "Stalled"))?["status"]);
        Assert.Null(await rig.GetAsync("v1", "ConfigMap", ns, "app"));
    }

    [Fact]
    public async Task A_readyExpr_replaces_the_built_in_dependency_check()
    {
        var ns = await rig.NamespaceAsync("readyexpr");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("apps/cm.yaml", TestManifests.ConfigMap("app", "k", "v")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));

        // infra can never become Ready (its path does not exist); a readyExpr that only asks for its label lets apps go ahead.
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "infra", "./missing", $"  targetNamespace: {ns}\n").Replace($"  namespace: {ns}\n", $"  namespace: {ns}\n  labels: {{tier: infra}}\n", StringComparison.Ordinal));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "strict", "./apps", $"  targetNamespace: {ns}\n  dependsOn:\n  - name: infra\n"));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "relaxed", "./apps", $"""
              targetNamespace: {ns}
              dependsOn:
              - name: infra
                readyExpr: "dep.metadata.labels.tier == 'infra' && self.metadata.name == 'relaxed'"
            """));

        await rig.WaitForConditionAsync(ns, "relaxed", "True", "ReconciliationSucceeded");
        var strict = await rig.WaitForConditionAsync(ns, "strict", "False", "DependencyNotReady");

        Assert.Contains($"dependency '{ns}/infra' is not ready", (string?)strict["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_readyExpr_that_is_false_names_the_expression_it_waits_for()
    {
        var ns = await rig.NamespaceAsync("readyfalse");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("infra/cm.yaml", TestManifests.ConfigMap("infra", "k", "v")).Write("apps/cm.yaml", TestManifests.ConfigMap("app", "k", "v")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "infra", "./infra", $"  targetNamespace: {ns}\n"));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "apps", "./apps", $"""
              targetNamespace: {ns}
              dependsOn:
              - name: infra
                readyExpr: "dep.spec.path == './elsewhere'"
            """));
        await rig.WaitForConditionAsync(ns, "infra", "True");

        var waiting = await rig.WaitForConditionAsync(ns, "apps", "False", "DependencyNotReady");

        Assert.Contains("readyExpr 'dep.spec.path == './elsewhere'' is false", (string?)waiting["message"], StringComparison.Ordinal);
        Assert.Null(await rig.GetAsync("v1", "ConfigMap", ns, "app"));
    }

    private static string Crd(string group) => $$"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: databases.{{group}}
        spec:
          group: {{group}}
          names: {kind: Database, plural: databases, singular: database, listKind: DatabaseList}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
        """;

    // No status subresource: the status is part of the manifest, so the test decides what the object reports (the spec
    // changes with it, since a status-only difference is not drift, as in Flux).
    private static string Database(string group, string phase) => $"""
        apiVersion: {group}/v1
        kind: Database
        metadata:
          name: main
        spec:
          size: {(phase == "Running" ? 1 : 2)}
        status:
          phase: {phase}
        """;
}
