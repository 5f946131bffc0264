using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests;

/// <summary>build and diff kustomization: a local directory built as the controller would, compared through a server-side dry run.</summary>
[Collection(GitOpsCollection.Name)]
public sealed class BuildDiffCommandTests(GitOpsFixture fixture) : IDisposable
{
    private readonly string _local = Directory.CreateTempSubdirectory("gyre-local-apps-").FullName;

    public void Dispose() => Directory.Delete(_local, recursive: true);

    [Fact]
    public async Task Build_prints_the_objects_with_Flux_labels_and_masks_secret_values()
    {
        File.WriteAllText(Path.Combine(_local, "configmap.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n  namespace: default\ndata:\n  greeting: hello\n");
        File.WriteAllText(Path.Combine(_local, "secret.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: token\n  namespace: default\nstringData:\n  token: s3cr3t\n");

        var (code, output, error) = await CliRunner.RunAsync("build", "kustomization", "apps", "--path", _local, "--kubeconfig", fixture.Kubeconfig);

        Assert.True(code == 0, error);
        Assert.Contains("kind: ConfigMap\nmetadata:\n  labels:\n    kustomize.toolkit.fluxcd.io/name: apps\n    kustomize.toolkit.fluxcd.io/namespace: flux-system\n  name: demo\n", output, StringComparison.Ordinal);
        Assert.Contains("  token: '*****'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_of_the_committed_directory_finds_no_differences()
    {
        var (code, output, error) = await CliRunner.RunAsync("diff", "kustomization", "apps", "--path", Path.Combine(fixture.Repository, "apps"), "--kubeconfig", fixture.Kubeconfig);

        Assert.True(code == 0, output + error);
        Assert.Contains("✔ no differences: the cluster matches the local build", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_of_a_changed_directory_shows_drifted_and_new_objects_and_exits_1()
    {
        File.WriteAllText(Path.Combine(_local, "configmap.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n  namespace: default\ndata:\n  greeting: hi\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: default\n");

        var (code, output, error) = await CliRunner.RunAsync("diff", "ks", "apps", "--path", _local, "--kubeconfig", fixture.Kubeconfig);

        Assert.Equal(1, code);
        Assert.Contains("► ConfigMap/default/demo drifted\n  data.greeting\n    - \"hello\"\n    + \"hi\"\n", output, StringComparison.Ordinal);
        Assert.Contains("► ConfigMap/default/extra created\n", output, StringComparison.Ordinal);
        Assert.Contains("⚠ 2 object(s) differ", error, StringComparison.Ordinal);
    }
}
