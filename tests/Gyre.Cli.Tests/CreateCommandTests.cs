using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests;

/// <summary>`gyre create`: --export prints what flux would generate; without it, objects are applied and awaited.</summary>
[Collection(GitOpsCollection.Name)]
public sealed class CreateCommandTests(GitOpsFixture fixture)
{
    [Fact]
    public async Task Export_of_a_git_source_prints_the_GitRepository()
    {
        var (code, output, error) = await CliRunner.RunAsync("create", "source", "git", "podinfo", "--url", "https://github.com/stefanprodan/podinfo", "--tag", "6.5.0", "--interval", "10m", "--export");

        Assert.True(code == 0, error);
        Assert.Equal("""
            ---
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata:
              name: podinfo
              namespace: flux-system
            spec:
              interval: 10m0s
              ref:
                tag: 6.5.0
              url: https://github.com/stefanprodan/podinfo

            """.ReplaceLineEndings("\n"), output);
    }

    [Fact]
    public async Task Export_of_a_helmrelease_merges_values_files_in_order()
    {
        var dir = Directory.CreateTempSubdirectory("gyre-values-").FullName;
        File.WriteAllText(Path.Combine(dir, "a.yaml"), "replicaCount: 1\nui:\n  color: blue\n  message: hi\n");
        File.WriteAllText(Path.Combine(dir, "b.yaml"), "ui:\n  color: red\n");
        try
        {
            var (code, output, error) = await CliRunner.RunAsync("create", "hr", "podinfo", "--source", "HelmRepository/podinfo", "--chart", "podinfo",
                "--chart-version", ">=6.0.0", "--target-namespace", "apps", "--values", Path.Combine(dir, "a.yaml"), "--values", Path.Combine(dir, "b.yaml"), "--export");

            Assert.True(code == 0, error);
            Assert.Contains("""
                spec:
                  chart:
                    spec:
                      chart: podinfo
                      sourceRef:
                        kind: HelmRepository
                        name: podinfo
                      version: '>=6.0.0'
                  interval: 1m0s
                  targetNamespace: apps
                  values:
                    replicaCount: 1
                    ui:
                      color: red
                      message: hi
                """.ReplaceLineEndings("\n"), output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("--source", "Deployment/x", "--source 'Deployment/x': expected [Kind/]name[.namespace] with Kind one of GitRepository, OCIRepository, Bucket, ExternalArtifact")]
    [InlineData("--interval", "often", "--interval 'often' is not a duration")]
    public async Task Bad_flags_are_usage_errors_that_say_what_is_expected(string flag, string value, string message)
    {
        var args = flag == "--source" ? new[] { "create", "kustomization", "x", flag, value, "--export" } : ["create", "kustomization", "x", "--source", "flux-system", flag, value, "--export"];
        var (code, _, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_applies_a_source_and_a_Kustomization_and_waits_for_Ready()
    {
        await fixture.ApplyAsync("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: created\n");

        var source = await CliRunner.RunAsync("create", "source", "git", "created", "--url", fixture.GitUrl, "--branch", "main", "--kubeconfig", fixture.Kubeconfig);
        var ks = await CliRunner.RunAsync("create", "kustomization", "created", "--source", "GitRepository/created", "--path", "./apps",
            "--prune", "--target-namespace", "created", "--kubeconfig", fixture.Kubeconfig);

        Assert.True(source.Code == 0, source.Error);
        Assert.Matches("✔ fetched revision main@sha1:[0-9a-f]{40}", source.Error);
        Assert.True(ks.Code == 0, ks.Error);
        Assert.Matches("✔ applied revision main@sha1:[0-9a-f]{40}", ks.Error);
        await CliRunner.RunAsync("delete", "ks", "created", "-s", "--kubeconfig", fixture.Kubeconfig);
        await CliRunner.RunAsync("delete", "source", "git", "created", "-s", "--kubeconfig", fixture.Kubeconfig);
    }
}
