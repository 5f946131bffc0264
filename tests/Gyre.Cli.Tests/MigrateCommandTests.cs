namespace Gyre.Cli.Tests;

/// <summary>`gyre migrate -f`: removed Flux apiVersions rewritten in place, every other byte kept.</summary>
public sealed class MigrateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gyre-migrate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Rewrites_old_versions_and_keeps_comments_quotes_and_other_documents()
    {
        var file = Path.Combine(_dir, "clusters", "sync.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "# sync\napiVersion: kustomize.toolkit.fluxcd.io/v1beta2\nkind: Kustomization\nmetadata:\n  name: apps # the apps\n---\napiVersion: \"notification.toolkit.fluxcd.io/v1beta2\"\nkind: Alert\n---\napiVersion: notification.toolkit.fluxcd.io/v1beta1\nkind: Receiver\n---\napiVersion: v1\nkind: ConfigMap\n");

        var (code, output, error) = await CliRunner.RunAsync("migrate", "-f", _dir);

        Assert.True(code == 0, error);
        Assert.Equal("# sync\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps # the apps\n---\napiVersion: \"notification.toolkit.fluxcd.io/v1beta3\"\nkind: Alert\n---\napiVersion: notification.toolkit.fluxcd.io/v1\nkind: Receiver\n---\napiVersion: v1\nkind: ConfigMap\n", File.ReadAllText(file));
        Assert.Contains("Kustomization apps: kustomize.toolkit.fluxcd.io/v1beta2 -> kustomize.toolkit.fluxcd.io/v1", output, StringComparison.Ordinal);
        Assert.Contains("✔ migrated 1 file(s)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dry_run_reports_without_writing()
    {
        var file = Path.Combine(_dir, "hr.yml");
        const string Text = "apiVersion: helm.toolkit.fluxcd.io/v2beta2\nkind: HelmRelease\nmetadata:\n  name: podinfo\n";
        File.WriteAllText(file, Text);

        var (code, output, _) = await CliRunner.RunAsync("migrate", "-f", file, "--dry-run");

        Assert.Equal(0, code);
        Assert.Contains("HelmRelease podinfo: helm.toolkit.fluxcd.io/v2beta2 -> helm.toolkit.fluxcd.io/v2", output, StringComparison.Ordinal);
        Assert.Equal(Text, File.ReadAllText(file));
    }
}
