using System.Text.Json.Nodes;
using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>status.history and the in-flight conditions (Reconciling, Ready=Unknown, Healthy=Unknown) as Flux reports them.</summary>
[Collection(ControllersCollection.Name)]
public sealed class KustomizationStatusTests(ControllersFixture rig)
{
    [Fact]
    public async Task History_counts_repeats_of_a_build_and_records_a_failed_build_as_its_own_snapshot()
    {
        var ns = await rig.NamespaceAsync("history");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/settings.yaml", TestManifests.ConfigMap("settings", "version", "1")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n"));
        await rig.WaitForConditionAsync(ns, "app", "True", "ReconciliationSucceeded");

        var first = Assert.Single(await HistoryAsync(ns))!.AsObject();
        var revision = (string?)(await rig.KustomizationAsync(ns, "app"))!.Json["status"]!["lastAppliedRevision"];
        Assert.StartsWith("sha256:", (string?)first["digest"], StringComparison.Ordinal);
        Assert.Equal("ReconciliationSucceeded", (string?)first["lastReconciledStatus"]);
        // Usually 1; a second reconcile may already have run when the source's status update arrived after the first.
        var counted = (long?)first["totalReconciliations"] ?? 0;
        Assert.InRange(counted, 1, 2);
        Assert.Equal(revision, (string?)first["metadata"]!["revision"]);
        Assert.NotNull(first["firstReconciled"]);
        Assert.EndsWith("s", (string?)first["lastReconciledDuration"], StringComparison.Ordinal);

        await rig.RequestReconcileAsync("kustomization", ns, "app");
        await rig.Until(async () => (long?)(await HistoryAsync(ns))[0]!["totalReconciliations"] > counted, "the same build counted again");
        Assert.Single(await HistoryAsync(ns));

        // A kind the cluster does not know fails the apply after the build: a new snapshot with the failure reason.
        repo.Write("app/widget.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n").Push("add a widget");
        await rig.RequestReconcileAsync("gitrepository", ns, "fleet");
        await rig.WaitForConditionAsync(ns, "app", "False", "ReconciliationFailed");
        var history = await HistoryAsync(ns);
        Assert.Equal(2, history.Count);
        Assert.Equal("ReconciliationFailed", (string?)history[0]!["lastReconciledStatus"]);
        Assert.NotEqual((string?)history[0]!["digest"], (string?)history[1]!["digest"]);
        var reconciling = await rig.ConditionAsync(ns, "app", "Reconciling");
        Assert.Equal("ProgressingWithRetry", (string?)reconciling!["reason"]);
        Assert.StartsWith("Detecting drift for revision", (string?)reconciling["message"], StringComparison.Ordinal);

        repo.Delete("app/widget.yaml").Push("remove the widget");
        await rig.RequestReconcileAsync("gitrepository", ns, "fleet");
        await rig.Until(async () => (await HistoryAsync(ns)).Count == 2 && (long?)(await HistoryAsync(ns))[0]!["totalReconciliations"] > counted + 1,
            "the first build counted again, moved to the front");
        await rig.WaitForConditionAsync(ns, "app", "True", "ReconciliationSucceeded");
        Assert.Null(await rig.ConditionAsync(ns, "app", "Reconciling"));

        // Four more builds: the history keeps the five most recent snapshots, newest first.
        var firstDigest = (string?)first["digest"];
        for (var version = 2; version <= 5; version++)
        {
            var commit = repo.Write("app/settings.yaml", TestManifests.ConfigMap("settings", "version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Push($"version {version}");
            await rig.RequestReconcileAsync("gitrepository", ns, "fleet");
            await rig.Until(async () => (string?)(await HistoryAsync(ns))[0]!["metadata"]!["revision"] == $"main@sha1:{commit}", $"version {version} in the history");
        }

        history = await HistoryAsync(ns);
        Assert.Equal(5, history.Count);
        Assert.Equal(firstDigest, (string?)history[4]!["digest"]);
        Assert.All(history, h => Assert.Equal("ReconciliationSucceeded", (string?)h!["lastReconciledStatus"]));
        Assert.Equal(4, history.Select(h => (string?)h!["digest"]).Take(4).Distinct().Count());
    }

    [Fact]
    public async Task While_health_checks_wait_the_run_reports_Reconciling_and_Ready_Unknown_and_clears_them_when_done()
    {
        var ns = await rig.NamespaceAsync("progress");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/settings.yaml", TestManifests.ConfigMap("settings", "version", "1")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"""
              targetNamespace: {ns}
              timeout: 2m
              healthChecks:
              - apiVersion: v1
                kind: ConfigMap
                name: later
                namespace: {ns}
            """));

        await rig.Until(async () => (string?)(await rig.ConditionAsync(ns, "app", "Healthy"))?["status"] == "Unknown", "health checks in progress");
        var ready = (await rig.ConditionAsync(ns, "app"))!;
        var reconciling = (await rig.ConditionAsync(ns, "app", "Reconciling"))!;
        Assert.Equal(("Unknown", "Progressing", "Reconciliation in progress"), ((string?)ready["status"], (string?)ready["reason"], (string?)ready["message"]));
        Assert.Equal(("True", "Progressing"), ((string?)reconciling["status"], (string?)reconciling["reason"]));
        Assert.Matches(@"^Running health checks for revision main@sha1:[0-9a-f]{40} with a timeout of 2m0s$", (string?)reconciling["message"]);

        await rig.Kubectl.RunAsync(null, "create", "configmap", "later", "-n", ns);
        await rig.WaitForConditionAsync(ns, "app", "True", "ReconciliationSucceeded");
        Assert.Null(await rig.ConditionAsync(ns, "app", "Reconciling"));
        Assert.Equal("True", (string?)(await rig.ConditionAsync(ns, "app", "Healthy"))!["status"]);
    }

    private async Task<JsonArray> HistoryAsync(string ns) =>
        (await rig.KustomizationAsync(ns, "app"))!.Json["status"]?["history"] as JsonArray ?? [];
}
