using System.Security.Cryptography;
using System.Text;
using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>HelmRepository against a static index.yaml server and a docker-registry, on 127.0.0.1.</summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmRepositoryTests(ControllersFixture rig, RegistryFixture registries) : IClassFixture<RegistryFixture>, IAsyncLifetime
{
    private const string Index = """
        apiVersion: v1
        entries:
          podinfo:
          - name: podinfo
            version: 6.5.0
            urls:
            - podinfo-6.5.0.tgz
        generated: "2026-01-01T00:00:00Z"
        """;

    private StaticHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await StaticHttpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string HelmRepository(string ns, string name, string url, string extra = "") => $"""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          interval: 10m
          url: {url}
        {extra}
        """;

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task An_index_behind_basic_auth_becomes_the_artifact_and_an_unchanged_index_is_not_stored_again()
    {
        var ns = await rig.NamespaceAsync("helm");
        _server.Files[$"{ns}/index.yaml"] = Encoding.UTF8.GetBytes(Index);
        (_server.Username, _server.Password) = ("helm", "index-pa55");
        await rig.Kubectl.RunAsync(null, "create", "secret", "generic", "auth", "-n", ns, "--from-literal=username=helm", "--from-literal=password=index-pa55");
        await rig.ApplyAsync(HelmRepository(ns, "charts", $"{_server.BaseUrl}/{ns}", "  secretRef:\n    name: auth"));

        var ready = await rig.WaitForSourceAsync("HelmRepository", ns, "charts", "True", "Succeeded");
        var hex = Sha256(Index);
        var artifact = ready.Json["status"]!["artifact"]!;
        Assert.Equal($"sha256:{hex}", (string?)artifact["revision"]);
        Assert.Equal($"sha256:{hex}", (string?)artifact["digest"]);
        Assert.Equal($"helmrepository/{ns}/charts/index-{hex}.yaml", (string?)artifact["path"]);
        Assert.Equal($"stored artifact: revision 'sha256:{hex}'", (string?)(await rig.SourceConditionAsync("HelmRepository", ns, "charts"))!["message"]);
        Assert.Equal("True", (string?)(await rig.SourceConditionAsync("HelmRepository", ns, "charts", "ArtifactInStorage"))!["status"]);
        using (var http = new HttpClient())
        {
            Assert.Equal(Index, await http.GetStringAsync(new Uri((string)artifact["url"]!)));
            Assert.Equal(Index, await http.GetStringAsync(new Uri((string)ready.Json["status"]!["url"]!)));
        }

        var requests = _server.Requests;
        await rig.RequestReconcileAsync("helmrepository", ns, "charts");
        await rig.Until(async () => (await rig.GetAsync("HelmRepository", ns, "charts"))!.Json["status"]!["lastHandledReconcileAt"] is not null, "second reconcile");
        Assert.True(_server.Requests > requests);
        Assert.Equal(artifact.ToJsonString(), (await rig.GetAsync("HelmRepository", ns, "charts"))!.Json["status"]!["artifact"]!.ToJsonString());
        Assert.Single(await rig.EventsAsync(ns, "charts"), e => e.Reason == "NewArtifact");

        var changed = Index.Replace("6.5.0", "6.6.0", StringComparison.Ordinal);
        _server.Files[$"{ns}/index.yaml"] = Encoding.UTF8.GetBytes(changed);
        await rig.RequestReconcileAsync("helmrepository", ns, "charts");
        await rig.Until(async () => (string?)(await rig.GetAsync("HelmRepository", ns, "charts"))!.Json["status"]!["artifact"]!["revision"] == $"sha256:{Sha256(changed)}",
            "new index revision");
    }

    [Fact]
    public async Task A_wrong_index_password_is_AuthenticationFailed_and_keeps_no_secret_in_status()
    {
        var ns = await rig.NamespaceAsync("helm-auth");
        _server.Files[$"{ns}/index.yaml"] = Encoding.UTF8.GetBytes(Index);
        (_server.Username, _server.Password) = ("helm", "index-pa55");
        await rig.Kubectl.RunAsync(null, "create", "secret", "generic", "auth", "-n", ns, "--from-literal=username=helm", "--from-literal=password=wrong-Secret-77");
        await rig.ApplyAsync(HelmRepository(ns, "charts", $"{_server.BaseUrl}/{ns}", "  secretRef:\n    name: auth"));

        var failed = await rig.WaitForSourceAsync("HelmRepository", ns, "charts", "False", "AuthenticationFailed", "check the credentials in spec.secretRef");

        Assert.DoesNotContain("wrong-Secret-77", failed.Json.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(failed.Json["status"]!["artifact"]);
    }

    [Fact]
    public async Task An_oci_HelmRepository_checks_the_registry_credentials_and_stores_no_artifact()
    {
        var ns = await rig.NamespaceAsync("helm-oci");
        var url = $"oci://{registries.Protected.Host}/charts";
        await rig.Kubectl.RunAsync(null, "create", "secret", "generic", "good", "-n", ns,
            $"--from-literal=username={RegistryFixture.Username}", $"--from-literal=password={RegistryFixture.Password}");
        await rig.Kubectl.RunAsync(null, "create", "secret", "generic", "bad", "-n", ns,
            $"--from-literal=username={RegistryFixture.Username}", "--from-literal=password=bad-Pa55-oci");
        await rig.ApplyAsync(HelmRepository(ns, "good", url, "  type: oci\n  insecure: true\n  secretRef:\n    name: good"));
        await rig.ApplyAsync(HelmRepository(ns, "bad", url, "  type: oci\n  insecure: true\n  secretRef:\n    name: bad"));

        var good = await rig.WaitForSourceAsync("HelmRepository", ns, "good", "True", "Succeeded", "Helm repository is Ready");
        var bad = await rig.WaitForSourceAsync("HelmRepository", ns, "bad", "False", "AuthenticationFailed");

        Assert.Null(good.Json["status"]!["artifact"]);
        Assert.Null(await rig.SourceConditionAsync("HelmRepository", ns, "good", "ArtifactInStorage"));
        Assert.DoesNotContain("bad-Pa55-oci", bad.Json.ToJsonString(), StringComparison.Ordinal);
    }
}
