using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Controllers.Tests.Support;
using Gyre.Manifests.Yaml;

namespace Gyre.Controllers.Tests;

[Collection(ControllersCollection.Name)]
public sealed class HelmChartTests(ControllersFixture rig)
{
    private const string Source = "source.toolkit.fluxcd.io/v1";

    [Fact]
    public async Task A_HelmChart_pulls_the_highest_version_in_its_range_from_a_HelmRepository()
    {
        var ns = await rig.NamespaceAsync("hc-pull");
        var v110 = HelmTestCharts.Package("podinfo", HelmTestCharts.Podinfo("1.1.0"));
        await using var repo = await HelmTestCharts.ServeAsync(
            ("podinfo", "1.0.0", HelmTestCharts.Package("podinfo", HelmTestCharts.Podinfo("1.0.0"))),
            ("podinfo", "1.1.0", v110),
            ("podinfo", "2.0.0", HelmTestCharts.Package("podinfo", HelmTestCharts.Podinfo("2.0.0"))));
        await rig.ApplyAsync(HelmTestCharts.HelmRepository(ns, "charts", repo.BaseUrl));

        await rig.ApplyAsync(HelmTestCharts.HelmChart(ns, "podinfo", "podinfo", "1.x"));

        var ready = await WaitForReadyAsync(ns, "podinfo", "True");
        Assert.Equal("ChartPullSucceeded", (string?)ready["reason"]);
        Assert.Equal("pulled 'podinfo' chart with version '1.1.0'", (string?)ready["message"]);
        var chart = (await rig.GetAsync(Source, "HelmChart", ns, "podinfo"))!;
        var artifact = chart.Json["status"]!["artifact"]!;
        Assert.Equal("1.1.0", (string?)artifact["revision"]);
        Assert.Equal($"helmchart/{ns}/podinfo/podinfo-1.1.0.tgz", (string?)artifact["path"]);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(v110)), (string?)artifact["digest"]);
        Assert.Equal("podinfo", (string?)chart.Json["status"]!["observedChartName"]);
        using var http = new HttpClient();
        Assert.Equal(v110, await http.GetByteArrayAsync((string)artifact["url"]!));
    }

    [Fact]
    public async Task ValuesFiles_are_merged_into_a_repackaged_chart_versioned_with_the_generation()
    {
        var ns = await rig.NamespaceAsync("hc-values");
        var files = HelmTestCharts.Podinfo("1.0.0");
        files["values-prod.yaml"] = "replicaCount: 3\nimage:\n  tag: \"7.0.0\"\n";
        await using var repo = await HelmTestCharts.ServeAsync(("podinfo", "1.0.0", HelmTestCharts.Package("podinfo", files)));
        await rig.ApplyAsync(HelmTestCharts.HelmRepository(ns, "charts", repo.BaseUrl));

        await rig.ApplyAsync(HelmTestCharts.HelmChart(ns, "podinfo", "podinfo", "*", extra: "  valuesFiles:\n  - values.yaml\n  - values-prod.yaml\n"));

        var ready = await WaitForReadyAsync(ns, "podinfo", "True");
        Assert.Equal("ChartPackageSucceeded", (string?)ready["reason"]);
        Assert.Equal("packaged 'podinfo' chart with version '1.0.0+1'", (string?)ready["message"]);
        var chart = (await rig.GetAsync(Source, "HelmChart", ns, "podinfo"))!;
        Assert.Equal("1.0.0+1", (string?)chart.Json["status"]!["artifact"]!["revision"]);
        Assert.Equal(["values.yaml", "values-prod.yaml"], chart.Json["status"]!["observedValuesFiles"]!.AsArray().Select(v => (string?)v));
        var packaged = await ReadPackageAsync((string)chart.Json["status"]!["artifact"]!["url"]!);
        var values = YamlReader.ReadSingle(packaged["podinfo/values.yaml"])!;
        Assert.Equal(3L, (long)values["replicaCount"]!);
        Assert.Equal("hello", (string?)values["message"]);
        Assert.Equal("7.0.0", (string?)values["image"]!["tag"]);
        Assert.Equal("ghcr.io/stefanprodan/podinfo", (string?)values["image"]!["repository"]);
        Assert.Contains("version: 1.0.0+1", packaged["podinfo/Chart.yaml"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_package_whose_digest_differs_from_the_index_is_refused()
    {
        var ns = await rig.NamespaceAsync("hc-digest");
        await using var repo = await HelmTestCharts.ServeAsync(("podinfo", "1.0.0", HelmTestCharts.Package("podinfo", HelmTestCharts.Podinfo("1.0.0"))));
        repo.Files["podinfo-1.0.0.tgz"] = HelmTestCharts.Package("podinfo", HelmTestCharts.Podinfo("1.0.0", "tampered: true\n"));
        await rig.ApplyAsync(HelmTestCharts.HelmRepository(ns, "charts", repo.BaseUrl));

        await rig.ApplyAsync(HelmTestCharts.HelmChart(ns, "podinfo", "podinfo", "1.0.0"));

        var ready = await WaitForReadyAsync(ns, "podinfo", "False");
        Assert.Equal("ChartPullError", (string?)ready["reason"]);
        Assert.Contains("does not match the index's", (string?)ready["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chart_in_a_GitRepository_is_packaged_with_the_source_revision_under_the_Revision_strategy()
    {
        var ns = await rig.NamespaceAsync("hc-git");
        using var git = new FleetRepository(rig.Git, ns);
        foreach (var (path, text) in HelmTestCharts.Podinfo("0.1.0"))
        {
            git.Write("charts/podinfo/" + path, text);
        }

        git.Write("charts/podinfo/.helmignore", "*.md\n").Write("charts/podinfo/README.md", "ignored\n").Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", git.Url));

        await rig.ApplyAsync(HelmTestCharts.HelmChart(ns, "podinfo", "./charts/podinfo", "*", "GitRepository", "fleet", "  reconcileStrategy: Revision\n"));

        var ready = await WaitForReadyAsync(ns, "podinfo", "True", 60);
        var gitRevision = (string)(await rig.GetAsync(Source, "GitRepository", ns, "fleet"))!.Json["status"]!["artifact"]!["revision"]!;
        var version = "0.1.0+" + gitRevision[(gitRevision.LastIndexOf(':') + 1)..][..12];
        Assert.Equal($"packaged 'podinfo' chart with version '{version}'", (string?)ready["message"]);
        var chart = (await rig.GetAsync(Source, "HelmChart", ns, "podinfo"))!;
        Assert.Equal(gitRevision, (string?)chart.Json["status"]!["observedSourceArtifactRevision"]);
        var packaged = await ReadPackageAsync((string)chart.Json["status"]!["artifact"]!["url"]!);
        Assert.Contains("podinfo/templates/deployment.yaml", packaged.Keys);
        Assert.DoesNotContain("podinfo/README.md", packaged.Keys);
    }

    [Fact]
    public async Task Under_the_Revision_strategy_a_new_source_revision_repackages_the_chart_with_a_new_version()
    {
        var ns = await rig.NamespaceAsync("hc-git-rev");
        using var git = PushPodinfo(ns, "0.1.0");
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", git.Url));
        await rig.ApplyAsync(HelmTestCharts.HelmChart(ns, "podinfo", "./charts/podinfo", "*", "GitRepository", "fleet", "  reconcileStrategy: Revision\n"));
        await WaitForReadyAsync(ns, "podinfo", "True", 60);
        var first = await ArtifactAsync(ns);

        git.Write("charts/podinfo/templates/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n").Push();
        var revision = await NewSourceRevisionAsync(ns, null);

        var version = "0.1.0+" + revision[(revision.LastIndexOf(':') + 1)..][..12];
        await rig.Until(async () => (string?)(await ArtifactAsync(ns))["revision"] == version, $"HelmChart artifact {version}", 60);
        var second = await ArtifactAsync(ns);
        Assert.NotEqual((string?)first["digest"], (string?)second["digest"]);
        Assert.Contains("podinfo/templates/extra.yaml", (await ReadPackageAsync((string)second["url"]!)).Keys);
    }

    [Fact]
    public async Task Under_the_ChartVersion_strategy_only_a_new_chart_version_repackages_the_chart()
    {
        var ns = await rig.NamespaceAsync("hc-git-ver");
        using var git = PushPodinfo(ns, "0.1.0");
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", git.Url));
        await rig.ApplyAsync(HelmTestCharts.HelmChart(ns, "podinfo", "./charts/podinfo", "*", "GitRepository", "fleet"));
        await WaitForReadyAsync(ns, "podinfo", "True", 60);
        var first = await ArtifactAsync(ns);
        Assert.Equal("0.1.0", (string?)first["revision"]);

        git.Write("charts/podinfo/templates/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n").Push();
        var revision = await NewSourceRevisionAsync(ns, null);
        await rig.Until(async () => (string?)(await rig.GetAsync(Source, "HelmChart", ns, "podinfo"))!.Json["status"]!["observedSourceArtifactRevision"] == revision,
            "the HelmChart to see the new source revision", 60);
        var kept = await ArtifactAsync(ns);
        Assert.Equal((string?)first["digest"], (string?)kept["digest"]);
        Assert.Equal((string?)first["revision"], (string?)kept["revision"]);
        Assert.DoesNotContain("podinfo/templates/extra.yaml", (await ReadPackageAsync((string)kept["url"]!)).Keys);

        git.Write("charts/podinfo/Chart.yaml", HelmTestCharts.Podinfo("0.2.0")["Chart.yaml"]).Push();
        await NewSourceRevisionAsync(ns, revision);
        await rig.Until(async () => (string?)(await ArtifactAsync(ns))["revision"] == "0.2.0", "HelmChart artifact 0.2.0", 60);
        Assert.Contains("podinfo/templates/extra.yaml", (await ReadPackageAsync((string)(await ArtifactAsync(ns))["url"]!)).Keys);
    }

    private FleetRepository PushPodinfo(string ns, string version)
    {
        var git = new FleetRepository(rig.Git, ns);
        foreach (var (path, text) in HelmTestCharts.Podinfo(version))
        {
            git.Write("charts/podinfo/" + path, text);
        }

        git.Push();
        return git;
    }

    private async Task<JsonObject> ArtifactAsync(string ns) =>
        (JsonObject)(await rig.GetAsync(Source, "HelmChart", ns, "podinfo"))!.Json["status"]!["artifact"]!;

    /// <summary>Asks the GitRepository to fetch again and returns its new revision (one other than <paramref name="previous"/>).</summary>
    private async Task<string> NewSourceRevisionAsync(string ns, string? previous)
    {
        var before = (string?)(await rig.GetAsync(Source, "GitRepository", ns, "fleet"))!.Json["status"]!["artifact"]!["revision"];
        await rig.RequestReconcileAsync("gitrepository", ns, "fleet");
        string? revision = null;
        await rig.Until(async () =>
        {
            revision = (string?)(await rig.GetAsync(Source, "GitRepository", ns, "fleet"))!.Json["status"]!["artifact"]!["revision"];
            return revision != before && revision != previous;
        }, "a new GitRepository revision", 60);
        return revision!;
    }

    private async Task<JsonObject> WaitForReadyAsync(string ns, string name, string status, int seconds = 30)
    {
        JsonObject? found = null;
        await rig.Until(async () =>
        {
            var chart = await rig.GetAsync(Source, "HelmChart", ns, name);
            found = (chart?.Json["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "Ready");
            return found is not null && (string?)found["status"] == status;
        }, $"HelmChart {ns}/{name} Ready={status}", seconds);
        return found!;
    }

    private static async Task<Dictionary<string, string>> ReadPackageAsync(string url)
    {
        using var http = new HttpClient();
        var bytes = await http.GetByteArrayAsync(url);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        using var tar = new TarReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress));
        while (tar.GetNextEntry() is { } entry)
        {
            using var reader = new StreamReader(entry.DataStream!, Encoding.UTF8);
            files[entry.Name] = reader.ReadToEnd();
        }

        return files;
    }
}
