using Gyre.Cli.Tests.Support;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Cli.Tests;

/// <summary>
/// The image automation commands (create, get, reconcile, suspend, resume, export, delete) against the local cluster,
/// with a stand-in for the image controllers writing the Ready status.
/// </summary>
public sealed class ImageCommandsTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private ImageKindsCluster? _cluster;

    public async Task InitializeAsync() => _cluster = await ImageKindsCluster.StartAsync(_dir.Combine("cluster"));

    [Fact]
    public async Task Create_get_reconcile_suspend_resume_export_and_delete_work_on_the_three_image_kinds()
    {
        string[] target = ["-n", "default", "--kubeconfig", _cluster!.Kubeconfig];

        var repository = await CliRunner.RunAsync(["create", "image", "repository", "podinfo", "--image", "ghcr.io/stefanprodan/podinfo", "--interval", "1h", .. target]);
        var policy = await CliRunner.RunAsync(["create", "image", "policy", "podinfo", "--image-ref", "podinfo", "--select-semver", ">=6.0.0", .. target]);
        var update = await CliRunner.RunAsync(["create", "image", "update", "fleet", "--git-repo-ref", "flux-system", "--author-name", "bot", "--author-email", "bot@example.com", .. target]);

        Assert.True(repository.Code == 0, repository.Error);
        Assert.Contains("✔ ImageRepository reconciliation completed\n✔ scan fetched 3 tags", repository.Error, StringComparison.Ordinal);
        Assert.True(policy.Code == 0, policy.Error);
        Assert.Contains("✔ selected image ghcr.io/stefanprodan/podinfo:6.5.0", policy.Error, StringComparison.Ordinal);
        Assert.True(update.Code == 0, update.Error);
        Assert.Contains("✔ last run 2026-12-07T20:01:00Z", update.Error, StringComparison.Ordinal);

        var all = await CliRunner.RunAsync(["get", "images", "all", .. target]);
        Assert.True(all.Code == 0, all.Error);
        Assert.Matches(@"NAME\s+LAST SCAN\s+SUSPENDED\s+READY\s+MESSAGE\s*\nimagerepository/podinfo\s+2026-12-07T20:00:00Z\s+False\s+True\s+successful scan: found 3 tags", all.Output);
        Assert.Matches(@"NAME\s+LATEST IMAGE\s+READY\s+MESSAGE\s*\nimagepolicy/podinfo\s+ghcr.io/stefanprodan/podinfo:6.5.0\s+True\s+Latest image tag", all.Output);
        Assert.Matches(@"NAME\s+LAST RUN\s+SUSPENDED\s+READY\s+MESSAGE\s*\nimageupdateautomation/fleet\s+2026-12-07T20:01:00Z\s+False\s+True\s+repository up-to-date", all.Output);
        Assert.Contains("imagepolicy/podinfo", (await CliRunner.RunAsync(["get", "all", .. target])).Output, StringComparison.Ordinal);

        var reconcile = await CliRunner.RunAsync(["reconcile", "image", "repository", "podinfo", .. target]);
        Assert.True(reconcile.Code == 0, reconcile.Error);
        Assert.Contains("► annotating ImageRepository podinfo in default namespace", reconcile.Error, StringComparison.Ordinal);
        Assert.Contains("✔ scan fetched 3 tags", reconcile.Error, StringComparison.Ordinal);

        var suspend = await CliRunner.RunAsync(["suspend", "image", "update", "fleet", .. target]);
        Assert.True(suspend.Code == 0, suspend.Error);
        Assert.Equal(true, (bool?)(await _cluster.GetAsync("ImageUpdateAutomation", "default", "fleet"))!["spec"]!["suspend"]);
        Assert.Matches(@"fleet\s+2026-12-07T20:01:00Z\s+True\s+True", (await CliRunner.RunAsync(["get", "images", "update", .. target])).Output);
        var refused = await CliRunner.RunAsync(["reconcile", "image", "update", "fleet", .. target]);
        Assert.Equal(1, refused.Code);
        Assert.Contains("resume it with `gyre resume image update fleet -n default`", refused.Error, StringComparison.Ordinal);
        var resume = await CliRunner.RunAsync(["resume", "image", "update", "fleet", .. target]);
        Assert.True(resume.Code == 0, resume.Error);
        Assert.Equal(false, (bool?)(await _cluster.GetAsync("ImageUpdateAutomation", "default", "fleet"))!["spec"]!["suspend"]);

        var export = await CliRunner.RunAsync(["export", "image", "policy", "podinfo", .. target]);
        Assert.True(export.Code == 0, export.Error);
        Assert.Equal("""
            ---
            apiVersion: image.toolkit.fluxcd.io/v1
            kind: ImagePolicy
            metadata:
              name: podinfo
              namespace: default
            spec:
              digestReflectionPolicy: Never
              imageRepositoryRef:
                name: podinfo
              policy:
                semver:
                  range: '>=6.0.0'

            """.ReplaceLineEndings("\n"), export.Output);

        var delete = await CliRunner.RunAsync(["delete", "image", "policy", "podinfo", "--silent", .. target]);
        Assert.True(delete.Code == 0, delete.Error);
        await GitOpsFixture.Until(async () => await _cluster.GetAsync("ImagePolicy", "default", "podinfo") is null, "the ImagePolicy to be deleted", 30);
    }

    [Fact]
    public async Task Export_prints_the_objects_as_flux_writes_them()
    {
        var repository = await CliRunner.RunAsync("create", "image", "repository", "app", "--image", "registry.example.com:5000/team/app", "--secret-ref", "regcred",
            "--cert-secret-ref", "certs", "--timeout", "2m", "--provider", "aws", "--insecure", "--exclusion-list", "^.*\\.sig$,^dev-", "--export");
        var policy = await CliRunner.RunAsync("create", "image", "policy", "app", "--image-ref", "images/app", "--select-numeric", "asc",
            "--filter-regex", "^main-[a-f0-9]+-(?P<ts>[0-9]+)", "--filter-extract", "$ts", "--reflect-digest", "Always", "--interval", "10m", "--export");
        var update = await CliRunner.RunAsync("create", "image", "update", "fleet", "--git-repo-ref", "flux-system", "--git-repo-namespace", "flux-system",
            "--git-repo-path", "./clusters/dev", "--checkout-branch", "main", "--push-branch", "image-updates", "--author-name", "bot", "--author-email", "bot@example.com",
            "--commit-template", "{{range .Changed.Changes}}{{println .NewValue}}{{end}}", "--interval", "30m", "--export");

        Assert.True(repository.Code == 0, repository.Error);
        Assert.Equal("""
            ---
            apiVersion: image.toolkit.fluxcd.io/v1
            kind: ImageRepository
            metadata:
              name: app
              namespace: flux-system
            spec:
              certSecretRef:
                name: certs
              exclusionList:
              - ^.*\.sig$
              - ^dev-
              image: registry.example.com:5000/team/app
              insecure: true
              interval: 1m0s
              provider: aws
              secretRef:
                name: regcred
              timeout: 2m0s

            """.ReplaceLineEndings("\n"), repository.Output);
        Assert.True(policy.Code == 0, policy.Error);
        Assert.Contains("""
            spec:
              digestReflectionPolicy: Always
              filterTags:
                extract: $ts
                pattern: ^main-[a-f0-9]+-(?P<ts>[0-9]+)
              imageRepositoryRef:
                name: app
                namespace: images
              interval: 10m0s
              policy:
                numerical:
                  order: asc
            """.ReplaceLineEndings("\n"), policy.Output, StringComparison.Ordinal);
        Assert.True(update.Code == 0, update.Error);
        Assert.Contains("""
            spec:
              git:
                checkout:
                  ref:
                    branch: main
                commit:
                  author:
                    email: bot@example.com
                    name: bot
                  messageTemplate: '{{range .Changed.Changes}}{{println .NewValue}}{{end}}'
                push:
                  branch: image-updates
              interval: 30m0s
              sourceRef:
                kind: GitRepository
                name: flux-system
                namespace: flux-system
              update:
                path: ./clusters/dev
                strategy: Setters
            """.ReplaceLineEndings("\n"), update.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "repository", "x", "--image", "ghcr.io/org/app:1.0" }, "--image 'ghcr.io/org/app:1.0': expected an image name without scheme, tag or digest")]
    [InlineData(new[] { "repository", "x", "--image", "ghcr.io/org/app", "--provider", "oracle" }, "--provider 'oracle': unsupported")]
    [InlineData(new[] { "repository", "x", "--image", "ghcr.io/org/app", "--exclusion-list", "(" }, "--exclusion-list '(': not a valid regular expression")]
    [InlineData(new[] { "policy", "x", "--image-ref", "app" }, "give exactly one of --select-semver, --select-alpha and --select-numeric")]
    [InlineData(new[] { "policy", "x", "--image-ref", "app", "--select-semver", "1.x", "--select-alpha", "asc" }, "give exactly one of")]
    [InlineData(new[] { "policy", "x", "--image-ref", "app", "--select-semver", "not a range" }, "--select-semver 'not a range': not a semver range")]
    [InlineData(new[] { "policy", "x", "--image-ref", "app", "--select-alpha", "up" }, "--select-alpha 'up': use asc or desc")]
    [InlineData(new[] { "policy", "x", "--image-ref", "app", "--select-numeric", "asc", "--filter-extract", "$ts" }, "--filter-extract needs --filter-regex")]
    [InlineData(new[] { "policy", "x", "--image-ref", "app", "--select-numeric", "asc", "--filter-regex", "^(?P<ts>.*)$", "--filter-extract", "$id" }, "the expression has no group 'id'")]
    [InlineData(new[] { "policy", "x", "--image-ref", "app", "--select-numeric", "asc", "--interval", "5m" }, "--interval applies to an ImagePolicy only with --reflect-digest Always")]
    [InlineData(new[] { "update", "x", "--git-repo-ref", "r", "--author-name", "n", "--author-email", "nobody" }, "--author-email 'nobody': not an email address")]
    public async Task Wrong_flags_are_usage_errors_naming_the_flag(string[] args, string message)
    {
        var (code, _, error) = await CliRunner.RunAsync(["create", "image", .. args, "--export"]);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _dir.Dispose();
    }
}
