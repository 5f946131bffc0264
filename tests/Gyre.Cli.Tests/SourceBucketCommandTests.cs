using Gyre.Cli.Tests.Support;
using Gyre.Sources.Buckets;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Cli.Tests;

/// <summary>`gyre create/get/reconcile/suspend/resume/export/delete source bucket` against an S3 test server.</summary>
[Collection(GitOpsCollection.Name)]
public sealed class SourceBucketCommandTests(GitOpsFixture fixture)
{
    [Fact]
    public async Task Export_prints_the_Bucket_as_flux_does_without_the_keys()
    {
        var (code, output, error) = await CliRunner.RunAsync("create", "source", "bucket", "podinfo", "--bucket-name", "podinfo",
            "--endpoint", "minio.minio.svc:9000", "--insecure", "--access-key", "AKIDEXPORT", "--secret-key", "never-printed", "--interval", "10m", "--export");

        Assert.True(code == 0, error);
        Assert.Equal("""
            ---
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: Bucket
            metadata:
              name: podinfo
              namespace: flux-system
            spec:
              bucketName: podinfo
              endpoint: minio.minio.svc:9000
              insecure: true
              interval: 10m0s
              provider: generic

            """.ReplaceLineEndings("\n"), output);
    }

    [Fact]
    public async Task Half_a_key_pair_is_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("create", "source", "bucket", "x", "--bucket-name", "x", "--endpoint", "e:9000", "--access-key", "a", "--export");

        Assert.NotEqual(0, code);
        Assert.Contains("--access-key and --secret-key go together", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bucket_is_created_with_its_key_Secret_and_managed_like_every_source()
    {
        await using var s3 = await S3TestServer.StartAsync();
        s3.Credentials = new AwsCredentials("AKIDCLI", "cli/secret");
        s3.Put("cli-fleet", "deploy/app.yaml", "kind: ConfigMap\n");
        string[] cluster = ["--kubeconfig", fixture.Kubeconfig];

        var create = await CliRunner.RunAsync(["create", "source", "bucket", "cli-fleet", "--bucket-name", "cli-fleet", "--endpoint", s3.Endpoint,
            "--insecure", "--access-key", "AKIDCLI", "--secret-key", "cli/secret", .. cluster]);
        Assert.True(create.Code == 0, create.Error);
        Assert.Matches("✔ fetched revision sha256:[0-9a-f]{64}", create.Error);
        var secret = await (await fixture.Client.ForKindAsync("v1", "Secret", CancellationToken.None)).GetAsync("flux-system", "cli-fleet", CancellationToken.None);
        Assert.Equal("cli-fleet", (string?)(await fixture.GetAsync("Bucket", "cli-fleet"))!["spec"]!["secretRef"]!["name"]);
        Assert.Equal("QUtJRENMSQ==", (string?)secret["data"]!["accesskey"]);

        var get = await CliRunner.RunAsync(["get", "sources", "bucket", "--no-header", .. cluster]);
        Assert.Matches("(?m)^cli-fleet +sha256:[0-9a-f]{64} +False +True +stored artifact: revision 'sha256:", get.Output);

        var suspend = await CliRunner.RunAsync(["suspend", "source", "bucket", "cli-fleet", .. cluster]);
        var resume = await CliRunner.RunAsync(["resume", "source", "bucket", "cli-fleet", .. cluster]);
        var reconcile = await CliRunner.RunAsync(["reconcile", "source", "bucket", "cli-fleet", .. cluster]);
        var export = await CliRunner.RunAsync(["export", "source", "bucket", "cli-fleet", .. cluster]);
        Assert.True(suspend.Code == 0, suspend.Error);
        Assert.True(resume.Code == 0, resume.Error);
        Assert.True(reconcile.Code == 0, reconcile.Error);
        Assert.Contains("kind: Bucket\n", export.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("cli/secret", export.Output, StringComparison.Ordinal);

        var delete = await CliRunner.RunAsync(["delete", "source", "bucket", "cli-fleet", "-s", .. cluster]);
        Assert.True(delete.Code == 0, delete.Error);
        await GitOpsFixture.Until(async () => await fixture.GetAsync("Bucket", "cli-fleet") is null, "the Bucket to be deleted", 30);
    }
}
