using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>Helm charts in a real docker-registry, pushed as `helm push` lays them out: OCI HelmRepository and chartRef.</summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmOciChartTests(ControllersFixture rig, RegistryFixture registries) : IClassFixture<RegistryFixture>
{
    private static byte[] Podinfo(string version, string extraValues = "") => HelmTestCharts.Package("podinfo", HelmTestCharts.Podinfo(version, extraValues));

    private static string OciHelmRepository(string ns, string url) => $"""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata:
          name: charts
          namespace: {ns}
        spec:
          type: oci
          insecure: true
          interval: 10m
          url: {url}
        """;

    private static string OciRepository(string ns, string url, string reference, string extra = "") => $"""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: OCIRepository
        metadata:
          name: podinfo
          namespace: {ns}
        spec:
          interval: 10m
          url: {url}
          insecure: true
          ref:
            {reference}
        {extra}
        """;

    private static string ChartRefRelease(string ns, string kind, string extra = "") => $"""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: web
          namespace: {ns}
        spec:
          interval: 10m
          timeout: 20s
          chartRef:
            kind: {kind}
            name: podinfo
        {extra}
        """;

    [Fact]
    public async Task A_chart_in_an_OCI_HelmRepository_is_resolved_from_its_tags_and_installed_by_a_HelmRelease()
    {
        var ns = await rig.NamespaceAsync("hr-oci");
        var path = "charts/" + ns;
        foreach (var version in new[] { "1.0.0", "1.1.0", "2.0.0" })
        {
            await HelmOciCharts.PushAsync(registries.Anonymous, path, "podinfo", version, Podinfo(version));
        }

        await rig.ApplyAsync(OciHelmRepository(ns, $"oci://{registries.Anonymous.Host}/{path}"));
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.x"));

        var hr = await rig.WaitForHelmReleaseAsync(ns, "web", "True", "InstallSucceeded");
        Assert.Equal($"Helm install succeeded for release {ns}/web.v1 with chart podinfo@1.1.0", (string?)HelmObjects.Condition(hr, "Ready")!["message"]);
        Assert.Equal("web", (string?)(await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!.Json["metadata"]!["name"]);
        var chart = (await rig.GetAsync("HelmChart", ns, $"{ns}-web"))!;
        Assert.Equal("1.1.0", (string?)chart.Json["status"]!["artifact"]!["revision"]);
        Assert.Equal("pulled 'podinfo' chart with version '1.1.0'", (string?)HelmObjects.Condition(chart, "Ready")!["message"]);
        Assert.Equal("True", (string?)(await rig.SourceConditionAsync("HelmRepository", ns, "charts"))!["status"]);
    }

    [Fact]
    public async Task An_OCI_HelmRepository_behind_registry_auth_pulls_with_its_secretRef_and_fails_clearly_without_it()
    {
        var ns = await rig.NamespaceAsync("hc-oci-auth");
        var path = "private/" + ns;
        await HelmOciCharts.PushAsync(registries.Protected, path, "podinfo", "1.0.0", Podinfo("1.0.0"),
            new Gyre.Sources.Oci.RegistryCredentials(RegistryFixture.Username, RegistryFixture.Password));
        await rig.Kubectl.RunAsync(null, "create", "secret", "generic", "creds", "-n", ns,
            $"--from-literal=username={RegistryFixture.Username}", $"--from-literal=password={RegistryFixture.Password}");
        var repository = OciHelmRepository(ns, $"oci://{registries.Protected.Host}/{path}");
        await rig.ApplyAsync(repository);
        await rig.ApplyAsync(HelmTestCharts.HelmChart(ns, "podinfo", "podinfo", "1.x"));

        var refused = await rig.WaitForSourceAsync("HelmChart", ns, "podinfo", "False", "AuthenticationFailed");
        Assert.StartsWith($"oci://{registries.Protected.Host}/{path}/podinfo", (string?)HelmObjects.Condition(refused, "Ready")!["message"], StringComparison.Ordinal);

        await rig.ApplyAsync(repository + "\n  secretRef:\n    name: creds\n");
        await rig.RequestReconcileAsync("helmchart", ns, "podinfo");

        var pulled = await rig.WaitForSourceAsync("HelmChart", ns, "podinfo", "True", "ChartPullSucceeded", "version '1.0.0'", seconds: 60);
        Assert.DoesNotContain(RegistryFixture.Password, pulled.Json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_OCI_tag_that_is_not_a_Helm_chart_is_refused_naming_the_media_type()
    {
        var ns = await rig.NamespaceAsync("hc-oci-bad");
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("app.yaml"), TestManifests.ConfigMap("app", "k", "v"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Gyre.Sources.Oci.OciArtifactPusher.PushAsync(Gyre.Sources.Oci.OciReference.Parse($"oci://{registries.Anonymous.Host}/bad/{ns}/podinfo:1.0.0", true),
            dir.Path, "src", "rev", DateTimeOffset.UtcNow, new Gyre.Sources.Oci.OciClientOptions { Insecure = true }, timeout.Token);
        await rig.ApplyAsync(OciHelmRepository(ns, $"oci://{registries.Anonymous.Host}/bad/{ns}"));

        await rig.ApplyAsync(HelmTestCharts.HelmChart(ns, "podinfo", "podinfo", "1.0.0"));

        var chart = await rig.WaitForSourceAsync("HelmChart", ns, "podinfo", "False", "ChartPullError");
        Assert.Contains("not application/vnd.cncf.helm.config.v1+json; is it a Helm chart pushed with helm push?",
            (string?)HelmObjects.Condition(chart, "Ready")!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_HelmRelease_with_a_chartRef_to_an_OCIRepository_upgrades_when_a_new_chart_version_is_pushed()
    {
        var ns = await rig.NamespaceAsync("hr-chartref-oci");
        var path = "refs/" + ns;
        var first = await HelmOciCharts.PushAsync(registries.Anonymous, path, "podinfo", "1.0.0", Podinfo("1.0.0"));
        await rig.ApplyAsync(OciRepository(ns, $"oci://{registries.Anonymous.Host}/{path}/podinfo", "semver: \">=1.0.0\"", "  layerSelector:\n    mediaType: application/vnd.cncf.helm.chart.content.v1.tar+gzip\n    operation: copy"));
        await rig.ApplyAsync(ChartRefRelease(ns, "OCIRepository"));

        var installed = await rig.WaitForHelmReleaseAsync(ns, "web", "True", "InstallSucceeded");
        var version1 = "1.0.0+" + first["sha256:".Length..][..12];
        Assert.Equal($"Helm install succeeded for release {ns}/web.v1 with chart podinfo@{version1}", (string?)HelmObjects.Condition(installed, "Ready")!["message"]);
        var status = installed.Json["status"]!;
        Assert.Equal(version1, (string?)status["lastAttemptedRevision"]);
        Assert.Equal(first, (string?)status["lastAttemptedRevisionDigest"]);
        Assert.Equal((version1, first), ((string?)status["history"]![0]!["chartVersion"], (string?)status["history"]![0]!["ociDigest"]));

        var second = await HelmOciCharts.PushAsync(registries.Anonymous, path, "podinfo", "1.1.0", Podinfo("1.1.0"));
        await rig.RequestReconcileAsync("ocirepository", ns, "podinfo");

        var version2 = "1.1.0+" + second["sha256:".Length..][..12];
        var upgraded = await rig.WaitForHelmReleaseAsync(ns, "web", "True", "UpgradeSucceeded", $"with chart podinfo@{version2}");
        var history = upgraded.Json["status"]!["history"]!.AsArray();
        Assert.Equal(2, history.Count);
        Assert.Equal((version2, second, "deployed"), ((string?)history[0]!["chartVersion"], (string?)history[0]!["ociDigest"], (string?)history[0]!["status"]));
        Assert.Equal("Podinfo " + version2 + " is installed as web.\n",
            Gyre.Helm.Storage.ReleaseSecret.FromSecret((await rig.GetAsync("v1", "Secret", ns, "sh.helm.release.v1.web.v2"))!.Json).Info.Notes);
    }

    [Fact]
    public async Task A_chartRef_OCIRepository_without_a_layerSelector_installs_the_extracted_chart()
    {
        var ns = await rig.NamespaceAsync("hr-chartref-extract");
        var digest = await HelmOciCharts.PushAsync(registries.Anonymous, "extract/" + ns, "podinfo", "1.0.0", Podinfo("1.0.0"));
        await rig.ApplyAsync(OciRepository(ns, $"oci://{registries.Anonymous.Host}/extract/{ns}/podinfo", "tag: 1.0.0"));
        await rig.ApplyAsync(ChartRefRelease(ns, "OCIRepository", "  values:\n    replicaCount: 2"));

        var hr = await rig.WaitForHelmReleaseAsync(ns, "web", "True", "InstallSucceeded");

        Assert.Equal("1.0.0+" + digest["sha256:".Length..][..12], (string?)hr.Json["status"]!["lastAttemptedRevision"]);
        Assert.Equal(2, (int)(await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!.Json["spec"]!["replicas"]!);
    }

    [Fact]
    public async Task A_chartRef_OCIRepository_whose_tag_is_not_the_chart_version_is_refused()
    {
        var ns = await rig.NamespaceAsync("hr-chartref-tag");
        await HelmOciCharts.PushAsync(registries.Anonymous, "tag/" + ns, "podinfo", "1.0.0", Podinfo("1.0.0"));
        using (var client = new Gyre.Sources.Oci.OciClient(registries.Anonymous.Host, new Gyre.Sources.Oci.OciClientOptions { Insecure = true }))
        {
            var manifest = await client.GetManifestAsync($"tag/{ns}/podinfo", "1.0.0", CancellationToken.None);
            await client.PushManifestAsync($"tag/{ns}/podinfo", "latest", manifest.Content, manifest.MediaType, CancellationToken.None);
        }

        await rig.ApplyAsync(OciRepository(ns, $"oci://{registries.Anonymous.Host}/tag/{ns}/podinfo", "tag: latest"));
        await rig.ApplyAsync(ChartRefRelease(ns, "OCIRepository"));

        var hr = await rig.WaitForHelmReleaseAsync(ns, "web", "False", "ArtifactFailed", "artifact revision latest does not match chart version 1.0.0");
        Assert.Null(await rig.GetAsync("v1", "Secret", ns, "sh.helm.release.v1.web.v1"));
        Assert.Null(HelmObjects.Condition(hr, "Released"));
    }

    [Fact]
    public async Task A_HelmRelease_with_a_chartRef_to_a_HelmChart_follows_the_charts_new_version()
    {
        var ns = await rig.NamespaceAsync("hr-chartref-hc");
        await using var repo = await HelmTestCharts.ServeAsync(("podinfo", "1.0.0", Podinfo("1.0.0")), ("podinfo", "1.1.0", Podinfo("1.1.0")));
        await rig.ApplyAsync(HelmTestCharts.HelmRepository(ns, "charts", repo.BaseUrl));
        await rig.ApplyAsync(HelmTestCharts.HelmChart(ns, "podinfo", "podinfo", "1.0.0"));
        await rig.ApplyAsync(ChartRefRelease(ns, "HelmChart"));
        await rig.WaitForHelmReleaseAsync(ns, "web", "True", "InstallSucceeded", "with chart podinfo@1.0.0");

        await rig.ApplyAsync(HelmTestCharts.HelmChart(ns, "podinfo", "podinfo", "1.1.0"));

        var upgraded = await rig.WaitForHelmReleaseAsync(ns, "web", "True", "UpgradeSucceeded", "with chart podinfo@1.1.0");
        Assert.Null(upgraded.Json["status"]!["lastAttemptedRevisionDigest"]);
        Assert.Null(upgraded.Json["status"]!["history"]![0]!["ociDigest"]);
    }
}
