namespace Gyre.Cli.Tests;

public sealed class KustomizeBuildCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gyre-kustomize-cli-" + Guid.NewGuid().ToString("N"));

    public KustomizeBuildCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Build_prints_what_kubectl_kustomize_prints_and_warns_on_stderr()
    {
        File.WriteAllText(Path.Combine(_dir, "kustomization.yaml"), "namePrefix: dev-\ncommonLabels:\n  app: web\nresources:\n- cm.yaml\n");
        File.WriteAllText(Path.Combine(_dir, "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: \"on\"\n");

        var (code, output, error) = await CliRunner.RunAsync("kustomize", "build", _dir);

        Assert.Equal(0, code);
        // Produced by `kubectl kustomize` (kustomize v5.5.0) on the same input.
        Assert.Equal("apiVersion: v1\ndata:\n  mode: \"on\"\nkind: ConfigMap\nmetadata:\n  labels:\n    app: web\n  name: dev-settings\n", output);
        Assert.Contains("'commonLabels' is deprecated", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_fails_with_a_message_naming_the_kustomization_the_entry_and_the_field()
    {
        File.WriteAllText(Path.Combine(_dir, "kustomization.yaml"), "resources:\n- missing.yaml\n");

        var (code, output, error) = await CliRunner.RunAsync("kustomize", "build", _dir);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains(Path.Combine(_dir, "kustomization.yaml"), error, StringComparison.Ordinal);
        Assert.Contains("missing.yaml", error, StringComparison.Ordinal);
        Assert.Contains("resources", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_of_a_directory_without_kustomization_fails_clearly()
    {
        var (code, _, error) = await CliRunner.RunAsync("kustomize", "build", _dir);

        Assert.Equal(1, code);
        Assert.Contains("unable to find one of 'kustomization.yaml'", error, StringComparison.Ordinal);
    }
}
