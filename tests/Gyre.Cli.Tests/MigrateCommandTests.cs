namespace Gyre.Cli.Tests;

/// <summary>`gyre migrate -f`: older Flux apiVersions rewritten wherever objects are written, every other byte kept.</summary>
public sealed class MigrateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gyre-migrate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Rewrites_old_versions_and_keeps_comments_quotes_and_other_documents()
    {
        var file = Write("clusters/sync.yaml", "# sync\napiVersion: kustomize.toolkit.fluxcd.io/v1beta2\nkind: Kustomization\nmetadata:\n  name: apps # the apps\n---\napiVersion: \"notification.toolkit.fluxcd.io/v1beta2\"\nkind: Alert\n---\nkind: Receiver\napiVersion: notification.toolkit.fluxcd.io/v1beta1 # moved\n---\napiVersion: v1\nkind: ConfigMap\n");

        var (code, output, error) = await CliRunner.RunAsync("migrate", "-f", _dir, "--yes");

        Assert.True(code == 0, error);
        Assert.Equal("# sync\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps # the apps\n---\napiVersion: \"notification.toolkit.fluxcd.io/v1beta3\"\nkind: Alert\n---\nkind: Receiver\napiVersion: notification.toolkit.fluxcd.io/v1 # moved\n---\napiVersion: v1\nkind: ConfigMap\n", File.ReadAllText(file));
        Assert.Contains(Path.Combine(Path.GetRelativePath(Directory.GetCurrentDirectory(), _dir), "clusters", "sync.yaml") + ":2: Kustomization v1beta2 -> v1", output, StringComparison.Ordinal);
        Assert.Contains(":11: Receiver v1beta1 -> v1", output, StringComparison.Ordinal);
        Assert.Contains("✔ migrated 1 file(s)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nested_objects_and_list_items_are_migrated_but_other_groups_kinds_are_not()
    {
        // A kustomize Kustomization (kustomize.config.k8s.io) is not Flux's; Flux objects inside lists and fields are.
        var file = Write("list.yaml", """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
            - repo.yaml
            ---
            apiVersion: v1
            kind: List
            items:
            - apiVersion: source.toolkit.fluxcd.io/v1beta2
              kind: GitRepository
              metadata:
                name: podinfo
            - kind: HelmRelease
              metadata:
                name: nested
              apiVersion: helm.toolkit.fluxcd.io/v2beta1
              spec:
                template:
                  apiVersion: kustomize.toolkit.fluxcd.io/v1beta1
                  metadata:
                    kind: NotAFluxKind
            """);

        var (code, _, error) = await CliRunner.RunAsync("migrate", "-f", file, "-y");

        Assert.True(code == 0, error);
        var text = File.ReadAllText(file);
        Assert.Contains("apiVersion: kustomize.config.k8s.io/v1beta1\n", text, StringComparison.Ordinal);
        Assert.Contains("- apiVersion: source.toolkit.fluxcd.io/v1\n  kind: GitRepository", text, StringComparison.Ordinal);
        Assert.Contains("  apiVersion: helm.toolkit.fluxcd.io/v2\n", text, StringComparison.Ordinal);
        Assert.Contains("      apiVersion: kustomize.toolkit.fluxcd.io/v1beta1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Helm_templates_are_migrated_when_their_extension_is_given_and_image_kinds_follow_the_target_version()
    {
        var template = Write("chart/templates/image.tpl", "{{- if .Values.enabled }}\napiVersion: image.toolkit.fluxcd.io/v1beta1\nkind: ImagePolicy\nmetadata:\n  name: {{ .Release.Name }}\n{{- end }}\n");

        var skipped = await CliRunner.RunAsync("migrate", "-f", _dir, "--yes");
        var migrated = await CliRunner.RunAsync("migrate", "-f", _dir, "--yes", "--extensions=.yaml,.tpl", "--version=2.6");

        Assert.Contains("✔ no custom resources found that require migration", skipped.Error, StringComparison.Ordinal);
        Assert.True(migrated.Code == 0, migrated.Error);
        Assert.Contains("image.tpl:2: ImagePolicy v1beta1 -> v1beta2", migrated.Output, StringComparison.Ordinal);
        Assert.Equal("{{- if .Values.enabled }}\napiVersion: image.toolkit.fluxcd.io/v1beta2\nkind: ImagePolicy\nmetadata:\n  name: {{ .Release.Name }}\n{{- end }}\n", File.ReadAllText(template));
        Assert.Equal(2, (await CliRunner.RunAsync("migrate", "-f", _dir, "--version=2.5")).Code);
    }

    [Fact]
    public async Task Dry_run_reports_without_writing_and_an_unconfirmed_run_changes_nothing()
    {
        const string Text = "apiVersion: helm.toolkit.fluxcd.io/v2beta2\r\nkind: HelmRelease\r\nmetadata:\r\n  name: podinfo\r\n";
        var file = Write("hr.yml", Text);

        var (code, output, error) = await CliRunner.RunAsync("migrate", "-f", file, "--dry-run");
        var refused = await CliRunner.RunWithInputAsync("n\n", "migrate", "-f", file);

        Assert.Equal(0, code);
        Assert.Contains("hr.yml:1: HelmRelease v2beta2 -> v2", output, StringComparison.Ordinal);
        Assert.Contains("dry-run mode enabled", error, StringComparison.Ordinal);
        Assert.Equal(1, refused.Code);
        Assert.Contains("Are you sure you want to proceed with the above upgrades? [y/N]", refused.Error, StringComparison.Ordinal);
        Assert.Equal(Text, File.ReadAllText(file));

        var confirmed = await CliRunner.RunWithInputAsync("y\n", "migrate", "-f", file);

        Assert.True(confirmed.Code == 0, confirmed.Error);
        Assert.Equal(Text.Replace("v2beta2", "v2", StringComparison.Ordinal), File.ReadAllText(file));
    }

    private string Write(string path, string text)
    {
        var file = Path.Combine(_dir, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }
}
