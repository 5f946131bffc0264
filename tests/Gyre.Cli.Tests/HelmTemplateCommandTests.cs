namespace Gyre.Cli.Tests;

public sealed class HelmTemplateCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gyre-helm-cli-" + Guid.NewGuid().ToString("N"));

    public HelmTemplateCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "web", "templates"));
        Directory.CreateDirectory(Path.Combine(_dir, "web", "crds"));
        File.WriteAllText(Path.Combine(_dir, "web", "Chart.yaml"), "apiVersion: v2\nname: web\nversion: 1.0.0\n");
        File.WriteAllText(Path.Combine(_dir, "web", "values.yaml"), "replicas: 1\nimage: nginx\nlabels: {}\n");
        File.WriteAllText(Path.Combine(_dir, "web", "crds", "crd.yaml"), "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\n");
        File.WriteAllText(Path.Combine(_dir, "web", "templates", "deploy.yaml"),
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  namespace: {{ .Release.Namespace }}\n" +
            "spec:\n  replicas: {{ .Values.replicas }}\n  image: {{ .Values.image }}\n  kube: {{ .Capabilities.KubeVersion.Version }}\n" +
            "  custom: {{ .Capabilities.APIVersions.Has \"example.com/v1\" }}\n  note: {{ .Values.note | default \"none\" }}\n");
        File.WriteAllText(Path.Combine(_dir, "web", "templates", "sa.yaml"), "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ .Release.Name }}\n");
        File.WriteAllText(Path.Combine(_dir, "prod.yaml"), "replicas: 3\nimage: nginx:1.27\n");
        File.WriteAllText(Path.Combine(_dir, "note.txt"), "from a file");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Template_prints_the_manifests_in_install_order_with_source_headers()
    {
        var (code, output, error) = await CliRunner.RunAsync("helm", "template", "shop", Path.Combine(_dir, "web"),
            "-f", Path.Combine(_dir, "prod.yaml"), "--set", "replicas=5", "--set-file", "note=" + Path.Combine(_dir, "note.txt"),
            "--namespace", "apps", "--kube-version", "1.31", "--api-versions", "example.com/v1");

        Assert.Equal("", error);
        Assert.Equal(0, code);
        // What `helm template` prints: ServiceAccount sorts before Deployment (Helm's InstallOrder), values files, then --set, then --set-file.
        Assert.Equal(
            "---\n# Source: web/templates/sa.yaml\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: shop\n" +
            "---\n# Source: web/templates/deploy.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\n  namespace: apps\n" +
            "spec:\n  replicas: 5\n  image: nginx:1.27\n  kube: v1.31.0\n  custom: true\n  note: from a file\n",
            output);
    }

    [Fact]
    public async Task Set_literal_keeps_commas_and_backslashes_and_wins_over_set_and_set_file()
    {
        var (code, output, error) = await CliRunner.RunAsync("helm", "template", "shop", Path.Combine(_dir, "web"),
            "--set-literal", "note=a,b=c\\d", "--set", "note=plain", "--set-file", "note=" + Path.Combine(_dir, "note.txt"),
            "--set-literal", "image=busybox,latest");

        Assert.Equal("", error);
        Assert.Equal(0, code);
        // --set-literal is applied last whatever the flag order, and its value is taken verbatim (no comma split, no escapes).
        Assert.Contains("  image: busybox,latest\n", output, StringComparison.Ordinal);
        Assert.Contains("  note: a,b=c\\d\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Include_crds_prints_the_crds_first()
    {
        var (code, output, _) = await CliRunner.RunAsync("helm", "template", "shop", Path.Combine(_dir, "web"), "--include-crds");

        Assert.Equal(0, code);
        Assert.StartsWith("---\n# Source: web/crds/crd.yaml\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_set_expression_fails_with_helms_message_and_no_trace()
    {
        var (code, output, error) = await CliRunner.RunAsync("helm", "template", "shop", Path.Combine(_dir, "web"), "--set", "replicas");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal("error: failed parsing --set data: key \"replicas\" has no value\n", error);
    }

    [Fact]
    public async Task A_missing_chart_is_reported()
    {
        var (code, _, error) = await CliRunner.RunAsync("helm", "template", "shop", Path.Combine(_dir, "nope"));

        Assert.Equal(1, code);
        Assert.Contains("cannot load chart", error, StringComparison.Ordinal);
    }
}
