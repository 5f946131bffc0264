using System.Text.Json.Nodes;
using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

[Collection(ControllersCollection.Name)]
public sealed class KustomizationLifecycleTests(ControllersFixture rig)
{
    [Theory]
    [InlineData("Delete", false)]
    [InlineData("Orphan", true)]
    [InlineData("MirrorPrune", false)]
    [InlineData("WaitForTermination", false)]
    public async Task Deleting_a_Kustomization_follows_its_deletionPolicy(string policy, bool kept)
    {
        var ns = await rig.NamespaceAsync("delete");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/cm.yaml", TestManifests.ConfigMap("app", "k", "v")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n  deletionPolicy: {policy}\n"));
        await rig.WaitForConditionAsync(ns, "app", "True");

        await rig.Kubectl.RunAsync(null, "delete", "kustomization", "app", "-n", ns, "--wait=false");
        await rig.Until(async () => await rig.KustomizationAsync(ns, "app") is null, "the Kustomization's finalizer to be removed");

        Assert.Equal(kept, await rig.GetAsync("v1", "ConfigMap", ns, "app") is not null);
    }

    [Fact]
    public async Task A_CRD_and_its_custom_resource_apply_together_in_stages()
    {
        var ns = await rig.NamespaceAsync("crd");
        var group = ns.Replace("-", string.Empty, StringComparison.Ordinal) + ".example.com";
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/widget.yaml", $"""
            apiVersion: {group}/v1
            kind: Widget
            metadata:
              name: first
            spec:
              size: 3
            """).Write("app/crd.yaml", $$"""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.{{group}}
            spec:
              group: {{group}}
              names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
              scope: Namespaced
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        properties:
                          size: {type: integer}
            """).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n"));

        await rig.WaitForConditionAsync(ns, "app", "True");

        var widget = (await rig.GetAsync($"{group}/v1", "Widget", ns, "first"))!;
        Assert.Equal(3, (int)widget.Json["spec"]!["size"]!);
        var ids = (await rig.KustomizationAsync(ns, "app"))!.Json["status"]!["inventory"]!["entries"]!.AsArray().Select(e => (string)e!["id"]!);
        Assert.Equal([$"_widgets.{group}_apiextensions.k8s.io_CustomResourceDefinition", $"{ns}_first_{group}_Widget"], ids);
    }

    [Fact]
    public async Task Impersonating_a_service_account_without_RBAC_fails_with_the_API_servers_reason()
    {
        var ns = await rig.NamespaceAsync("tenant");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/cm.yaml", TestManifests.ConfigMap("app", "k", "v")).Push();
        await rig.Kubectl.RunAsync(null, "create", "serviceaccount", "tenant", "-n", ns);
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n  serviceAccountName: tenant\n"));

        var ready = await rig.WaitForConditionAsync(ns, "app", "False", "ReconciliationFailed");

        Assert.Contains("Forbidden", (string?)ready["message"], StringComparison.Ordinal);
        Assert.Null(await rig.GetAsync("v1", "ConfigMap", ns, "app"));
    }

    [Fact]
    public async Task The_GitRepository_reports_its_artifact_and_serves_it_over_http()
    {
        var ns = await rig.NamespaceAsync("source");
        using var repo = new FleetRepository(rig.Git, ns);
        var commit = repo.Write("README.md", "hello\n").Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));

        JsonNode? artifact = null;
        await rig.Until(async () => (artifact = (await rig.GetAsync("source.toolkit.fluxcd.io/v1", "GitRepository", ns, "fleet"))?.Json["status"]?["artifact"]) is not null, "an artifact");
        var source = (await rig.GetAsync("source.toolkit.fluxcd.io/v1", "GitRepository", ns, "fleet"))!;
        var ready = source.Json["status"]!["conditions"]!.AsArray().Single(c => (string?)c!["type"] == "Ready")!;

        Assert.Equal($"main@sha1:{commit}", (string?)artifact!["revision"]);
        Assert.Equal($"stored artifact for revision 'main@sha1:{commit}'", (string?)ready["message"]);
        Assert.StartsWith("sha256:", (string?)artifact["digest"], StringComparison.Ordinal);
        using var http = new HttpClient();
        var bytes = await http.GetByteArrayAsync(new Uri((string)artifact["url"]!));
        Assert.Equal((string?)artifact["digest"], "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }

    [Fact]
    public async Task A_GitRepository_with_an_unreachable_url_is_not_Ready_and_says_why()
    {
        var ns = await rig.NamespaceAsync("badurl");
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", rig.Git.BaseUrl + "/does-not-exist.git"));

        await rig.Until(async () =>
        {
            var conditions = (await rig.GetAsync("source.toolkit.fluxcd.io/v1", "GitRepository", ns, "fleet"))?.Json["status"]?["conditions"] as JsonArray;
            return conditions?.Any(c => (string?)c!["type"] == "Ready" && (string?)c["status"] == "False" && ((string?)c["message"])!.Contains("does-not-exist", StringComparison.Ordinal)) == true;
        }, "Ready=False naming the URL");
    }

    [Fact]
    public async Task Metrics_and_probes_are_served()
    {
        var ns = await rig.NamespaceAsync("metrics");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("README.md", "hello\n").Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        using var http = new HttpClient();
        var metrics = string.Empty;
        await rig.Until(async () =>
        {
            metrics = await http.GetStringAsync(new Uri(rig.Controllers.MetricsAddress!, "/metrics"));
            return metrics.Contains($"name=\"fleet\",namespace=\"{ns}\"", StringComparison.Ordinal);
        }, "a reconcile of the GitRepository in the metrics");
        var ready = await http.GetAsync(new Uri(rig.Controllers.HealthAddress!, "/readyz"));
        var healthy = await http.GetAsync(new Uri(rig.Controllers.HealthAddress!, "/healthz"));

        Assert.Contains("# TYPE gotk_reconcile_duration_seconds histogram", metrics, StringComparison.Ordinal);
        Assert.Contains("controller_runtime_reconcile_total{controller=\"source-controller\"", metrics, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, healthy.StatusCode);
    }
}
