using System.Text;
using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>HelmChart against a HelmRepository: no needless downloads, event-driven index changes, auth and TLS reaching the chart download.</summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmChartRepositoryTests(ControllersFixture rig)
{
    private static byte[] Podinfo(string version) => HelmTestCharts.Package("podinfo", HelmTestCharts.Podinfo(version));

    [Fact]
    public async Task An_unchanged_chart_is_not_downloaded_again_and_a_new_index_revision_wakes_the_HelmChart_at_once()
    {
        var ns = await rig.NamespaceAsync("hc-cache");
        var v100 = ("podinfo", "1.0.0", Podinfo("1.0.0"));
        await using var repo = await HelmTestCharts.ServeAsync(v100);
        await rig.ApplyAsync(HelmTestCharts.HelmRepository(ns, "charts", repo.BaseUrl));
        var repository = await rig.WaitForSourceAsync("HelmRepository", ns, "charts", "True", "Succeeded");
        await rig.ApplyAsync(HelmTestCharts.HelmChart(ns, "podinfo", "podinfo", "1.x"));
        var first = await rig.WaitForSourceAsync("HelmChart", ns, "podinfo", "True", "ChartPullSucceeded");
        Assert.Equal((string?)repository.Json["status"]!["artifact"]!["revision"], (string?)first.Json["status"]!["observedSourceArtifactRevision"]);
        var requests = repo.Requests;

        await rig.RequestReconcileAsync("helmchart", ns, "podinfo");
        var token = (await rig.GetAsync("HelmChart", ns, "podinfo"))!.GetAnnotation("reconcile.fluxcd.io/requestedAt");
        await rig.Until(async () => (string?)(await rig.GetAsync("HelmChart", ns, "podinfo"))!.Json["status"]!["lastHandledReconcileAt"] == token, "the second reconcile");

        Assert.Equal(requests, repo.Requests);
        var again = (await rig.GetAsync("HelmChart", ns, "podinfo"))!;
        Assert.Equal(first.Json["status"]!["artifact"]!.ToJsonString(), again.Json["status"]!["artifact"]!.ToJsonString());
        Assert.Single(await rig.EventsAsync(ns, "podinfo"), e => e.Reason == "ChartPullSucceeded");

        HelmTestCharts.Publish(repo, v100, ("podinfo", "1.1.0", Podinfo("1.1.0")));
        await rig.RequestReconcileAsync("helmrepository", ns, "charts");

        var updated = await rig.WaitForSourceAsync("HelmChart", ns, "podinfo", "True", "ChartPullSucceeded", "version '1.1.0'");
        Assert.Equal("1.1.0", (string?)updated.Json["status"]!["artifact"]!["revision"]);
        Assert.Equal((string?)(await rig.GetAsync("HelmRepository", ns, "charts"))!.Json["status"]!["artifact"]!["revision"],
            (string?)updated.Json["status"]!["observedSourceArtifactRevision"]);
    }

    [Fact]
    public async Task Signature_verification_of_a_HelmChart_is_refused_as_unsupported_instead_of_skipped()
    {
        var ns = await rig.NamespaceAsync("hc-verify");
        await using var repo = await HelmTestCharts.ServeAsync(("podinfo", "1.0.0", Podinfo("1.0.0")));
        await rig.ApplyAsync(HelmTestCharts.HelmRepository(ns, "charts", repo.BaseUrl));

        await rig.ApplyAsync(HelmTestCharts.HelmChart(ns, "podinfo", "podinfo", "1.0.0", extra: "  verify:\n    provider: cosign\n    secretRef:\n      name: keys\n"));

        var refused = await rig.WaitForSourceAsync("HelmChart", ns, "podinfo", "False", "VerificationError", "spec.verify with provider 'cosign' is not supported");
        Assert.Equal("True", (string?)(await rig.SourceConditionAsync("HelmChart", ns, "podinfo", "Stalled"))!["status"]);
        Assert.Equal("False", (string?)(await rig.SourceConditionAsync("HelmChart", ns, "podinfo", "SourceVerified"))!["status"]);
        Assert.Null(refused.Json["status"]!["artifact"]);
    }

    [Fact]
    public async Task Repository_credentials_reach_the_chart_download_and_go_to_another_host_only_with_passCredentials()
    {
        var ns = await rig.NamespaceAsync("hc-auth");
        await using var index = await StaticHttpServer.StartAsync();
        await using var other = await StaticHttpServer.StartAsync();
        var (own, elsewhere) = (Podinfo("1.0.0"), Podinfo("2.0.0"));
        index.Files["podinfo-1.0.0.tgz"] = own;
        other.Files["podinfo-2.0.0.tgz"] = elsewhere;
        // 1.0.0 sits next to the index (behind its basic auth); 2.0.0 is on another host (port), by absolute URL.
        var yaml = HelmTestCharts.Index([("podinfo", "1.0.0", own), ("podinfo", "2.0.0", elsewhere)])
            .Replace("- podinfo-2.0.0.tgz", $"- {other.BaseUrl}/podinfo-2.0.0.tgz", StringComparison.Ordinal);
        index.Files["index.yaml"] = Encoding.UTF8.GetBytes(yaml);
        (index.Username, index.Password) = ("helm", "chart-pa55");
        await rig.Kubectl.RunAsync(null, "create", "secret", "generic", "auth", "-n", ns, "--from-literal=username=helm", "--from-literal=password=chart-pa55");
        await rig.ApplyAsync(HelmRepository(ns, index.BaseUrl, "  secretRef:\n    name: auth\n"));
        await rig.WaitForSourceAsync("HelmRepository", ns, "charts", "True", "Succeeded");

        await rig.ApplyAsync(HelmTestCharts.HelmChart(ns, "own", "podinfo", "1.0.0"));
        await rig.ApplyAsync(HelmTestCharts.HelmChart(ns, "elsewhere", "podinfo", "2.0.0"));

        await rig.WaitForSourceAsync("HelmChart", ns, "own", "True", "ChartPullSucceeded", "version '1.0.0'");
        await rig.WaitForSourceAsync("HelmChart", ns, "elsewhere", "True", "ChartPullSucceeded", "version '2.0.0'");
        Assert.NotEmpty(other.Authorizations);
        Assert.All(other.Authorizations, a => Assert.Equal(string.Empty, a));

        await rig.ApplyAsync(HelmRepository(ns, index.BaseUrl, "  secretRef:\n    name: auth\n  passCredentials: true\n"));
        await rig.ApplyAsync(HelmTestCharts.HelmChart(ns, "passed", "podinfo", "2.0.0"));

        await rig.WaitForSourceAsync("HelmChart", ns, "passed", "True", "ChartPullSucceeded", "version '2.0.0'");
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("helm:chart-pa55")), other.Authorizations[^1]);
    }

    [Fact]
    public async Task A_chart_repository_on_TLS_with_a_private_CA_serves_the_chart_download_with_the_certSecretRef_CA()
    {
        var ns = await rig.NamespaceAsync("hc-tls");
        await using var repo = await StaticHttpServer.StartAsync(tls: true);
        HelmTestCharts.Publish(repo, ("podinfo", "1.0.0", Podinfo("1.0.0")));
        await rig.ApplyAsync($"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: ca
              namespace: {ns}
            stringData:
              ca.crt: |
            {string.Join('\n', repo.CaPem!.Trim().Split('\n').Select(l => "    " + l))}
            """);
        await rig.ApplyAsync(HelmRepository(ns, repo.BaseUrl, "  certSecretRef:\n    name: ca\n"));

        await rig.ApplyAsync(HelmTestCharts.HelmChart(ns, "podinfo", "podinfo", "1.0.0"));

        var chart = await rig.WaitForSourceAsync("HelmChart", ns, "podinfo", "True", "ChartPullSucceeded");
        Assert.Equal("1.0.0", (string?)chart.Json["status"]!["artifact"]!["revision"]);
    }

    private static string HelmRepository(string ns, string url, string extra) => HelmTestCharts.HelmRepository(ns, "charts", url) + "\n" + extra;
}
