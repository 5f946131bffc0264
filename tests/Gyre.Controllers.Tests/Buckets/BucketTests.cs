using System.Text.Json.Nodes;
using Gyre.Controllers.Tests.Support;
using Gyre.Sources.Buckets;

namespace Gyre.Controllers.Tests.Buckets;

/// <summary>Bucket sources end to end: the controller against the SigV4-checking S3 test server, and their consumers.</summary>
[Collection(ControllersCollection.Name)]
public sealed class BucketTests(ControllersFixture rig) : IAsyncLifetime
{
    private static readonly AwsCredentials Keys = new("AKIAGYREBUCKET", "bucket/secret+key");
    private S3TestServer _s3 = null!;

    public async Task InitializeAsync()
    {
        _s3 = await S3TestServer.StartAsync();
        _s3.Credentials = Keys;
    }

    public async Task DisposeAsync() => await _s3.DisposeAsync();

    private async Task ApplyBucketAsync(string ns, string extra = "", string secretKey = "bucket/secret+key")
    {
        await rig.ApplyAsync($"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: bucket-keys
              namespace: {ns}
            stringData:
              accesskey: {Keys.AccessKeyId}
              secretkey: {secretKey}
            ---
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: Bucket
            metadata:
              name: fleet
              namespace: {ns}
            spec:
              interval: 10m
              bucketName: {ns}
              endpoint: {_s3.Endpoint}
              insecure: true
              secretRef:
                name: bucket-keys
            {extra}
            """);
    }

    [Fact]
    public async Task A_bucket_is_fetched_applied_by_a_Kustomization_and_a_changed_object_wakes_it()
    {
        var ns = await rig.NamespaceAsync("bucket");
        _s3.Put(ns, "deploy/app.yaml", TestManifests.ConfigMap("app", "version", "1"));
        _s3.Put(ns, "deploy/notes.md", "left out by spec.ignore");
        await ApplyBucketAsync(ns, "  ignore: \"*.md\"");
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./deploy", $"  targetNamespace: {ns}").Replace("kind: GitRepository", "kind: Bucket", StringComparison.Ordinal));

        var bucket = await rig.WaitForSourceAsync("Bucket", ns, "fleet", "True", "Succeeded");
        var status = bucket.Json["status"]!;
        var revision = (string)status["artifact"]!["revision"]!;
        Assert.StartsWith("sha256:", revision, StringComparison.Ordinal);
        Assert.Equal($"stored artifact: revision '{revision}'", (string?)status["conditions"]![0]!["message"]);
        Assert.Equal($"bucket/{ns}/fleet/{revision[7..]}.tar.gz", (string?)status["artifact"]!["path"]);
        Assert.EndsWith($"/bucket/{ns}/fleet/latest.tar.gz", (string?)status["url"], StringComparison.Ordinal);
        Assert.Equal("*.md", (string?)status["observedIgnore"]);
        Assert.Contains(await rig.EventsAsync(ns, "fleet"), e => e.Reason == "NewArtifact" && e.Message == $"stored artifact with 1 fetched files from '{ns}' bucket");
        await rig.WaitForConditionAsync(ns, "app", "True", "ReconciliationSucceeded");
        Assert.Equal("1", (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "app"))!.Json["data"]!["version"]);

        _s3.Put(ns, "deploy/app.yaml", TestManifests.ConfigMap("app", "version", "2"));
        await rig.RequestReconcileAsync("bucket", ns, "fleet");

        await rig.Until(async () => (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "app"))?.Json["data"]?["version"] == "2",
            "the Kustomization to apply the new bucket revision");
    }

    [Fact]
    public async Task An_unchanged_bucket_keeps_its_artifact_without_downloading_again()
    {
        var ns = await rig.NamespaceAsync("bucket-same");
        _s3.Put(ns, "app.yaml", TestManifests.ConfigMap("app", "version", "1"));
        await ApplyBucketAsync(ns);
        var first = (await rig.WaitForSourceAsync("Bucket", ns, "fleet", "True", "Succeeded")).Json["status"]!["artifact"]!.ToJsonString();
        var gets = _s3.ContentGets;

        await rig.RequestReconcileAsync("bucket", ns, "fleet");
        await rig.Until(async () => (string?)(await rig.GetAsync("Bucket", ns, "fleet"))!.Json["status"]!["lastHandledReconcileAt"] is not null,
            "the requested reconcile");

        Assert.Equal(first, (await rig.GetAsync("Bucket", ns, "fleet"))!.Json["status"]!["artifact"]!.ToJsonString());
        Assert.Equal(gets, _s3.ContentGets);
    }

    [Fact]
    public async Task Wrong_keys_fail_with_the_S3_error_and_keep_the_last_good_artifact()
    {
        var ns = await rig.NamespaceAsync("bucket-denied");
        _s3.Put(ns, "app.yaml", TestManifests.ConfigMap("app", "version", "1"));
        await ApplyBucketAsync(ns);
        var good = (await rig.WaitForSourceAsync("Bucket", ns, "fleet", "True", "Succeeded")).Json["status"]!["artifact"]!.ToJsonString();

        await ApplyBucketAsync(ns, "  interval: 9m", secretKey: "not-the-secret");
        await rig.RequestReconcileAsync("bucket", ns, "fleet");

        var failed = await rig.WaitForSourceAsync("Bucket", ns, "fleet", "False", "BucketOperationFailed", "S3 error SignatureDoesNotMatch");
        var status = failed.Json["status"]!;
        Assert.Equal(good, status["artifact"]!.ToJsonString());
        var conditions = status["conditions"]!.AsArray().OfType<JsonObject>().ToDictionary(c => (string)c["type"]!, c => c);
        Assert.Equal("True", (string?)conditions["FetchFailed"]["status"]);
        Assert.Equal("True", (string?)conditions["Reconciling"]["status"]);
        Assert.Equal("True", (string?)conditions["ArtifactInStorage"]["status"]);
        Assert.DoesNotContain("not-the-secret", status.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await rig.EventsAsync(ns, "fleet"), e => e.Message.Contains("not-the-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_bucket_is_reported_clearly()
    {
        var ns = await rig.NamespaceAsync("bucket-missing");

        await ApplyBucketAsync(ns);

        await rig.WaitForSourceAsync("Bucket", ns, "fleet", "False", "BucketOperationFailed", "bucket not found; check spec.bucketName and spec.endpoint");
    }

    [Theory]
    [InlineData("  provider: gcp", "InvalidProviderConfiguration", "provider gcp is not supported by Gyre")]
    [InlineData("  provider: aws\n  sts:\n    provider: aws\n    endpoint: https://sts.amazonaws.com", "InvalidSTSConfiguration", "spec.sts (provider aws) is not supported by Gyre")]
    public async Task What_Gyre_cannot_do_stalls_with_a_message_that_says_so(string extra, string reason, string message)
    {
        var ns = await rig.NamespaceAsync("bucket-stall");

        await ApplyBucketAsync(ns, extra);

        var stalled = await rig.WaitForSourceAsync("Bucket", ns, "fleet", "False", reason, message);
        Assert.Contains(stalled.Json["status"]!["conditions"]!.AsArray(), c => (string?)c!["type"] == "Stalled" && (string?)c["status"] == "True");
    }

    [Fact]
    public async Task Provider_aws_without_a_secret_or_environment_credentials_says_there_are_none()
    {
        Assert.Null(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID")); // the test process has no AWS credentials
        var ns = await rig.NamespaceAsync("bucket-aws");
        _s3.Put(ns, "app.yaml", "x");
        await rig.ApplyAsync($"""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: Bucket
            metadata:
              name: fleet
              namespace: {ns}
            spec:
              provider: aws
              interval: 10m
              bucketName: {ns}
              endpoint: {_s3.Endpoint}
              insecure: true
            """);

        await rig.WaitForSourceAsync("Bucket", ns, "fleet", "False", "AuthenticationFailed", "no credentials");
    }

    [Fact]
    public async Task A_HelmChart_from_a_Bucket_is_packaged_from_the_chart_path()
    {
        var ns = await rig.NamespaceAsync("bucket-chart");
        foreach (var (path, text) in HelmTestCharts.Podinfo("0.2.0"))
        {
            _s3.Put(ns, "charts/podinfo/" + path, text);
        }

        await ApplyBucketAsync(ns);
        await rig.ApplyAsync(HelmTestCharts.HelmChart(ns, "podinfo", "./charts/podinfo", "*", "Bucket", "fleet"));

        var chart = await rig.WaitForSourceAsync("HelmChart", ns, "podinfo", "True", "ChartPackageSucceeded", seconds: 60);
        Assert.Equal("packaged 'podinfo' chart with version '0.2.0'", (string?)chart.Json["status"]!["conditions"]![0]!["message"]);
        var bucketRevision = (string?)(await rig.GetAsync("Bucket", ns, "fleet"))!.Json["status"]!["artifact"]!["revision"];
        Assert.Equal(bucketRevision, (string?)chart.Json["status"]!["observedSourceArtifactRevision"]);
        Assert.Equal($"helmchart/{ns}/podinfo/podinfo-0.2.0.tgz", (string?)chart.Json["status"]!["artifact"]!["path"]);

        // A new chart version in the bucket reaches the HelmChart as soon as the Bucket stores it (interval is 10m).
        foreach (var (path, text) in HelmTestCharts.Podinfo("0.3.0"))
        {
            _s3.Put(ns, "charts/podinfo/" + path, text);
        }

        await rig.RequestReconcileAsync("bucket", ns, "fleet");
        await rig.WaitForSourceAsync("HelmChart", ns, "podinfo", "True", "ChartPackageSucceeded", "version '0.3.0'", seconds: 60);
    }
}
