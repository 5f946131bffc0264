using System.Security.Cryptography;
using System.Text;
using Gyre.Sources.Artifacts;
using Gyre.Sources.Helm;
using Gyre.Sources.Oci;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Sources.Tests.Helm;

/// <summary>HelmRepository index fetching from a static HTTP(S) server, and type oci credential checks.</summary>
public sealed class HelmRepositorySourceTests : IClassFixture<RegistryFixture>, IDisposable
{
    private const string Index = """
        apiVersion: v1
        entries:
          podinfo:
          - name: podinfo
            version: 6.5.0
            urls: [https://charts.example.com/podinfo-6.5.0.tgz]
          - name: podinfo
            version: 6.4.0
            urls: [https://charts.example.com/podinfo-6.4.0.tgz]
        generated: "2026-01-01T00:00:00Z"
        """;

    private readonly TempDirectory _dir = new();
    private readonly ArtifactStore _store;
    private readonly HelmRepositorySource _source;
    private readonly RegistryFixture _registries;

    public HelmRepositorySourceTests(RegistryFixture registries)
    {
        _registries = registries;
        _store = new ArtifactStore(_dir.Combine("store"), "http://gyre.test", new ManualTimeProvider(DateTimeOffset.UnixEpoch));
        _source = new HelmRepositorySource(_store);
    }

    private static HelmRepositoryRequest Request(string url) => new() { Key = new ArtifactKey("HelmRepository", "flux-system", "podinfo"), Url = url };

    [Fact]
    public async Task Index_is_stored_as_an_exact_copy_named_by_its_digest()
    {
        await using var server = await StaticHttpServer.StartAsync();
        server.Files["charts/index.yaml"] = Encoding.UTF8.GetBytes(Index);
        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Index)));

        var result = await _source.ReconcileAsync(Request(server.BaseUrl + "/charts/"), TestTimeout.Token);

        Assert.True(result.Changed);
        Assert.Equal("sha256:" + hex, result.Artifact!.Revision);
        Assert.Equal("sha256:" + hex, result.Artifact.Digest);
        Assert.Equal($"helmrepository/flux-system/podinfo/index-{hex}.yaml", result.Artifact.Path);
        Assert.Equal("http://gyre.test/helmrepository/flux-system/podinfo/index.yaml", result.Url);
        Assert.Equal(2, result.ChartVersions);
        Assert.Equal(Index, await File.ReadAllTextAsync(_store.LocalPath(result.Artifact.Path)));
    }

    [Fact]
    public async Task Unchanged_index_is_not_written_again()
    {
        await using var server = await StaticHttpServer.StartAsync();
        server.Files["index.yaml"] = Encoding.UTF8.GetBytes(Index);
        var first = await _source.ReconcileAsync(Request(server.BaseUrl), TestTimeout.Token);
        var written = File.GetLastWriteTimeUtc(_store.LocalPath(first.Artifact!.Path));

        var second = await _source.ReconcileAsync(Request(server.BaseUrl) with { CurrentArtifact = first.Artifact }, TestTimeout.Token);

        Assert.False(second.Changed);
        Assert.Same(first.Artifact, second.Artifact);
        Assert.Equal(written, File.GetLastWriteTimeUtc(_store.LocalPath(first.Artifact.Path)));
    }

    [Fact]
    public async Task Basic_auth_and_custom_ca_are_used_for_https_indexes()
    {
        await using var server = await StaticHttpServer.StartAsync(tls: true);
        server.Files["index.yaml"] = Encoding.UTF8.GetBytes(Index);
        server.Username = "helm";
        server.Password = "helm-pa55";

        var result = await _source.ReconcileAsync(Request(server.BaseUrl) with
        {
            Credentials = new RegistryCredentials("helm", "helm-pa55"),
            CaCertificate = Encoding.ASCII.GetBytes(server.CaPem!),
        }, TestTimeout.Token);

        Assert.True(result.Changed);
    }

    [Fact]
    public async Task Client_certificate_from_cert_secret_passes_mutual_tls()
    {
        var certificates = TestCertificates.Create();
        await using var server = await StaticHttpServer.StartAsync(tls: true, certificates, requireClientCertificate: true);
        server.Files["index.yaml"] = Encoding.UTF8.GetBytes(Index);
        var request = Request(server.BaseUrl) with { CaCertificate = Encoding.ASCII.GetBytes(certificates.CaPem) };

        var result = await _source.ReconcileAsync(request with
        {
            ClientCertificate = Encoding.ASCII.GetBytes(certificates.ClientCertificatePem),
            ClientKey = Encoding.ASCII.GetBytes(certificates.ClientKeyPem),
        }, TestTimeout.Token);
        var error = await Assert.ThrowsAsync<SourceException>(() => _source.ReconcileAsync(request, TestTimeout.Token));

        Assert.True(result.Changed);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Untrusted_certificate_is_refused_without_the_ca()
    {
        await using var server = await StaticHttpServer.StartAsync(tls: true);
        server.Files["index.yaml"] = Encoding.UTF8.GetBytes(Index);

        var error = await Assert.ThrowsAsync<SourceException>(() => _source.ReconcileAsync(Request(server.BaseUrl), TestTimeout.Token));

        Assert.True(error.IsTransient);
        Assert.StartsWith(server.BaseUrl + ": fetching index.yaml: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_is_an_authentication_failure_without_the_secret()
    {
        await using var server = await StaticHttpServer.StartAsync();
        server.Files["index.yaml"] = Encoding.UTF8.GetBytes(Index);
        server.Username = "helm";
        server.Password = "right";

        var error = await Assert.ThrowsAsync<SourceException>(() =>
            _source.ReconcileAsync(Request(server.BaseUrl) with { Credentials = new RegistryCredentials("helm", "wrong-pass-123") }, TestTimeout.Token));

        Assert.Equal(SourceReasons.AuthenticationFailed, error.Reason);
        Assert.DoesNotContain("wrong-pass-123", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirect_to_another_host_is_followed_without_credentials_unless_passCredentials()
    {
        await using var repo = await StaticHttpServer.StartAsync();
        await using var cdn = await StaticHttpServer.StartAsync();
        cdn.Files["cdn/index.yaml"] = Encoding.UTF8.GetBytes(Index);
        repo.Redirects["index.yaml"] = cdn.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + "/cdn/index.yaml";
        var request = Request(repo.BaseUrl) with { Credentials = new RegistryCredentials("helm", "helm-pass") };

        var withheld = await _source.ReconcileAsync(request, TestTimeout.Token);
        var passed = await _source.ReconcileAsync(request with { PassCredentials = true, Key = request.Key with { Name = "passed" } }, TestTimeout.Token);

        Assert.True(withheld.Changed);
        Assert.True(passed.Changed);
        Assert.StartsWith("Basic ", repo.Authorizations[0], StringComparison.Ordinal);
        Assert.Equal("", cdn.Authorizations[0]);
        Assert.StartsWith("Basic ", cdn.Authorizations[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_that_is_not_an_index_fails_indexation()
    {
        await using var server = await StaticHttpServer.StartAsync();
        server.Files["index.yaml"] = "<html>login page</html>"u8.ToArray();

        var error = await Assert.ThrowsAsync<SourceException>(() => _source.ReconcileAsync(Request(server.BaseUrl), TestTimeout.Token));

        Assert.Equal(SourceReasons.IndexationFailed, error.Reason);
    }

    [Fact]
    public async Task Oci_type_checks_credentials_and_stores_no_index()
    {
        var url = $"oci://{_registries.Protected.Host}/charts";
        var good = Request(url) with { Type = "oci", Insecure = true, Credentials = new RegistryCredentials(RegistryFixture.Username, RegistryFixture.Password) };

        var result = await _source.ReconcileAsync(good, TestTimeout.Token);
        var error = await Assert.ThrowsAsync<SourceException>(() =>
            _source.ReconcileAsync(good with { Credentials = new RegistryCredentials(RegistryFixture.Username, "nope") }, TestTimeout.Token));

        Assert.Null(result.Artifact);
        Assert.Equal(SourceReasons.AuthenticationFailed, error.Reason);
    }

    [Theory]
    [InlineData("https://charts.example.com/", "https://charts.example.com/a.tgz", false, true)]
    [InlineData("https://charts.example.com/", "https://cdn.example.com/a.tgz", false, false)]
    [InlineData("https://charts.example.com/", "https://cdn.example.com/a.tgz", true, true)]
    [InlineData("https://charts.example.com/", "http://charts.example.com/a.tgz", false, false)]
    public void Credentials_follow_chart_urls_only_to_the_same_host_unless_passCredentials(string repo, string chart, bool pass, bool expected)
    {
        Assert.Equal(expected, HelmCredentialsPolicy.SendCredentials(new Uri(repo), new Uri(chart), pass));
    }

    public void Dispose() => _dir.Dispose();
}
