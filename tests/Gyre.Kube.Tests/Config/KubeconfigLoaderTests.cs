using System.Text.Json.Nodes;
using Gyre.Kube.Config;
using Gyre.Kube.Tests.Support;

namespace Gyre.Kube.Tests.Config;

public sealed class KubeconfigLoaderTests
{
    private static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "testdata", "kubeconfig-merge", file);

    [Fact]
    public async Task Merges_KUBECONFIG_files_exactly_as_kubectl_config_view_does()
    {
        var list = string.Join(Path.PathSeparator, Data("first.yaml"), Data("missing.yaml"), Data("second.yaml"), Data("third.yaml"));

        var merged = await KubeconfigLoader.LoadAsync(new KubeconfigSources(null, list, null), TestTimeout.Token);

        // expected.json is kubectl's own merge (testdata/regenerate.sh).
        var expected = JsonNode.Parse(File.ReadAllText(Data("expected.json")))!.AsObject();
        Assert.Equal((string?)expected["current-context"], merged.CurrentContext);
        Assert.Equal(Names(expected, "clusters"), merged.Clusters.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Names(expected, "users"), merged.Users.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Names(expected, "contexts"), merged.Contexts.Keys.Order(StringComparer.Ordinal));
        foreach (var cluster in expected["clusters"]!.AsArray())
        {
            var ours = merged.Clusters[(string)cluster!["name"]!];
            Assert.Equal((string?)cluster["cluster"]!["server"], ours.Server);
            Assert.Equal((bool?)cluster["cluster"]!["insecure-skip-tls-verify"] ?? false, ours.InsecureSkipTlsVerify);
            Assert.Equal((string?)cluster["cluster"]!["tls-server-name"], ours.TlsServerName);
            Assert.Equal((string?)cluster["cluster"]!["proxy-url"], ours.ProxyUrl);
        }

        foreach (var user in expected["users"]!.AsArray())
        {
            var ours = merged.Users[(string)user!["name"]!];
            Assert.Equal((string?)user["user"]!["token"], ours.Token);
            Assert.Equal((string?)user["user"]!["username"], ours.Username);
        }

        foreach (var context in expected["contexts"]!.AsArray())
        {
            var ours = merged.Contexts[(string)context!["name"]!];
            Assert.Equal((string?)context["context"]!["cluster"], ours.Cluster);
            Assert.Equal((string?)context["context"]!["user"], ours.User);
            Assert.Equal((string?)context["context"]!["namespace"], ours.Namespace);
        }
    }

    [Fact]
    public async Task Explicit_kubeconfig_is_read_alone_and_must_exist()
    {
        var sources = new KubeconfigSources(Data("second.yaml"), Data("first.yaml"), "/nonexistent-home");
        var config = await KubeconfigLoader.LoadAsync(sources, TestTimeout.Token);
        Assert.Equal("https://second.example:6443", config.Clusters["shared"].Server);

        var missing = new KubeconfigSources(Data("nope.yaml"), null, null);
        var error = await Assert.ThrowsAsync<KubeConfigException>(() => KubeconfigLoader.LoadAsync(missing, TestTimeout.Token));
        Assert.Equal(Data("nope.yaml"), error.File);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Falls_back_to_the_home_kube_config_when_KUBECONFIG_is_unset()
    {
        using var home = new TempDirectory();
        home.Write(".kube/config", File.ReadAllText(Data("third.yaml")));

        var config = await KubeconfigLoader.LoadAsync(new KubeconfigSources(null, "", home.Path), TestTimeout.Token);

        Assert.Equal("third-ctx", config.CurrentContext);
    }

    [Fact]
    public async Task Relative_certificate_paths_resolve_against_the_file_that_names_them()
    {
        using var dir = new TempDirectory();
        dir.Write("certs/ca.crt", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        var file = dir.Write("conf/config", """
            clusters:
            - name: c
              cluster: {server: "https://k.example", certificate-authority: ../certs/ca.crt}
            users:
            - name: u
              user:
                tokenFile: token
                exec: {apiVersion: client.authentication.k8s.io/v1, command: ./bin/plugin, args: [a]}
            contexts:
            - name: x
              context: {cluster: c, user: u}
            current-context: x
            """);

        var config = await KubeconfigLoader.LoadFileAsync(file, TestTimeout.Token);
        var connection = await KubeconfigResolver.ResolveAsync(config, new KubeContextOverrides(), TestTimeout.Token);

        Assert.Equal(Path.Combine(dir.Path, "certs", "ca.crt"), config.Clusters["c"].CertificateAuthority);
        Assert.Contains("BEGIN CERTIFICATE", connection.CertificateAuthorityPem, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(dir.Path, "conf", "token"), connection.TokenFile);
        Assert.Equal(Path.Combine(dir.Path, "conf", "bin", "plugin"), connection.Exec!.Command);
    }

    [Fact]
    public async Task Bad_base64_data_names_the_file_and_field()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("config", """
            clusters:
            - name: prod
              cluster: {server: "https://k.example", certificate-authority-data: "not base64!"}
            """);

        var error = await Assert.ThrowsAsync<KubeConfigException>(() => KubeconfigLoader.LoadFileAsync(file, TestTimeout.Token));

        Assert.Equal(file, error.File);
        Assert.Equal("clusters[prod].cluster.certificate-authority-data", error.Field);
        Assert.StartsWith($"{file}: clusters[prod].cluster.certificate-authority-data: is not valid base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_yaml_reports_the_line()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("config", "clusters:\n  - name: [unclosed\n");

        var error = await Assert.ThrowsAsync<KubeConfigException>(() => KubeconfigLoader.LoadFileAsync(file, TestTimeout.Token));

        Assert.Contains("not valid YAML at line", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Names(JsonObject root, string list) =>
        root[list]!.AsArray().Select(e => (string)e!["name"]!).Order(StringComparer.Ordinal);
}
