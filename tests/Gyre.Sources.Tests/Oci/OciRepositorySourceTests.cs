using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Gyre.Sources.Artifacts;
using Gyre.Sources.Oci;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Sources.Tests.Oci;

/// <summary>OCIRepository pulls from a real docker-registry, with artifacts pushed the way `flux push artifact` does.</summary>
public sealed class OciRepositorySourceTests : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly RegistryFixture _registries;

    private static readonly DateTimeOffset Created = new(2026, 2, 3, 4, 5, 6, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly ManualTimeProvider _time = new(Created);
    private readonly ArtifactStore _store;
    private readonly OciRepositorySource _source;
    private readonly string _repository = "apps/podinfo-" + Guid.NewGuid().ToString("N")[..8];

    private static readonly OciClientOptions Insecure = new() { Insecure = true };

    public OciRepositorySourceTests(RegistryFixture registries)
    {
        _registries = registries;
        _store = new ArtifactStore(_dir.Combine("store"), "http://gyre.test", _time);
        _source = new OciRepositorySource(_store, _dir.Combine("work"));
        Directory.CreateDirectory(_dir.Combine("work"));
    }

    private string Url(RegistryServer registry) => $"oci://{registry.Host}/{_repository}";

    private async Task<string> PushAsync(RegistryServer registry, string tag, string content, OciClientOptions? options = null)
    {
        var dir = _dir.Combine("push-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "deploy"));
        File.WriteAllText(Path.Combine(dir, "deploy", "app.yaml"), content);
        return await OciArtifactPusher.PushAsync(OciReference.Parse($"{Url(registry)}:{tag}", true), dir,
            "https://github.com/example/podinfo", "main@sha1:0123456789abcdef0123456789abcdef01234567", Created, options ?? Insecure, TestTimeout.Token);
    }

    private OciRepositoryRequest Request(RegistryServer registry) => new()
    {
        Key = new ArtifactKey("OCIRepository", "flux-system", "podinfo"),
        Url = Url(registry),
        Client = Insecure,
    };

    private async Task<SortedDictionary<string, string>> FilesOfAsync(Artifact artifact)
    {
        var target = _dir.Combine("unpacked-" + Guid.NewGuid().ToString("N"));
        await using (var stream = File.OpenRead(_store.LocalPath(artifact.Path)))
        {
            await ArchiveExtractor.ExtractAsync(stream, target, artifact.Path, ExtractionLimits.Default, TestTimeout.Token);
        }

        return new SortedDictionary<string, string>(
            Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(target, f), File.ReadAllText),
            StringComparer.Ordinal);
    }

    [Fact]
    public async Task Tag_ref_pulls_a_flux_artifact_with_revision_metadata_and_latest_link()
    {
        var digest = await PushAsync(_registries.Anonymous, "v1.0.0", "kind: Deployment\n");

        var result = await _source.ReconcileAsync(Request(_registries.Anonymous) with { Tag = "v1.0.0" }, TestTimeout.Token);

        Assert.True(result.Changed);
        Assert.Equal($"v1.0.0@{digest}", result.Artifact.Revision);
        Assert.Equal($"ocirepository/flux-system/podinfo/{digest[7..]}.tar.gz", result.Artifact.Path);
        Assert.Equal("http://gyre.test/ocirepository/flux-system/podinfo/latest.tar.gz", result.Url);
        Assert.Equal("https://github.com/example/podinfo", result.Artifact.Metadata[OciAnnotations.Source]);
        Assert.Equal("main@sha1:0123456789abcdef0123456789abcdef01234567", result.Artifact.Metadata[OciAnnotations.Revision]);
        Assert.Equal("2026-02-03T04:05:06Z", result.Artifact.Metadata[OciAnnotations.Created]);
        Assert.Equal("kind: Deployment\n", (await FilesOfAsync(result.Artifact))["deploy/app.yaml"]);
    }

    [Fact]
    public async Task Unchanged_digest_is_a_no_op()
    {
        await PushAsync(_registries.Anonymous, "latest", "a");
        var first = await _source.ReconcileAsync(Request(_registries.Anonymous), TestTimeout.Token);

        var second = await _source.ReconcileAsync(
            Request(_registries.Anonymous) with { CurrentArtifact = first.Artifact, ObservedContentConfig = first.ContentConfig }, TestTimeout.Token);
        await PushAsync(_registries.Anonymous, "latest", "b");
        var third = await _source.ReconcileAsync(
            Request(_registries.Anonymous) with { CurrentArtifact = first.Artifact, ObservedContentConfig = first.ContentConfig }, TestTimeout.Token);

        Assert.False(second.Changed);
        Assert.Same(first.Artifact, second.Artifact);
        Assert.True(third.Changed);
        Assert.StartsWith("latest@sha256:", third.Artifact.Revision, StringComparison.Ordinal);
        Assert.NotEqual(first.Artifact.Revision, third.Artifact.Revision);
    }

    [Fact]
    public async Task Semver_with_filter_selects_the_highest_allowed_tag()
    {
        await PushAsync(_registries.Anonymous, "1.0.0", "one");
        var expected = await PushAsync(_registries.Anonymous, "1.4.0", "four");
        await PushAsync(_registries.Anonymous, "2.0.0", "two");
        await PushAsync(_registries.Anonymous, "1.5.0-rc.1", "rc");

        var result = await _source.ReconcileAsync(
            Request(_registries.Anonymous) with { Semver = ">=1.0.0", SemverFilter = "^1\\." }, TestTimeout.Token);

        Assert.Equal($"1.4.0@{expected}", result.Artifact.Revision);
    }

    [Fact]
    public async Task Digest_ref_pins_the_manifest()
    {
        var pinned = await PushAsync(_registries.Anonymous, "v1", "pinned");
        await PushAsync(_registries.Anonymous, "v1", "moved on");

        var result = await _source.ReconcileAsync(Request(_registries.Anonymous) with { Digest = pinned }, TestTimeout.Token);

        Assert.Equal(pinned, result.Artifact.Revision);
        Assert.Equal("pinned", (await FilesOfAsync(result.Artifact))["deploy/app.yaml"]);
    }

    [Fact]
    public async Task Copy_operation_stores_the_layer_as_is()
    {
        await PushAsync(_registries.Anonymous, "v1", "copied");
        using var client = new OciClient(_registries.Anonymous.Host, Insecure);
        var manifest = await client.GetManifestAsync(_repository, "v1", TestTimeout.Token);

        var result = await _source.ReconcileAsync(
            Request(_registries.Anonymous) with { Tag = "v1", LayerMediaType = OciMediaTypes.FluxContent, LayerOperation = "copy" }, TestTimeout.Token);

        var stored = await File.ReadAllBytesAsync(_store.LocalPath(result.Artifact.Path));
        Assert.Equal(manifest.Layers[0].Digest, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stored)));
    }

    [Fact]
    public async Task Missing_layer_media_type_is_a_layer_operation_failure()
    {
        await PushAsync(_registries.Anonymous, "v1", "x");

        var error = await Assert.ThrowsAsync<SourceException>(() => _source.ReconcileAsync(
            Request(_registries.Anonymous) with { Tag = "v1", LayerMediaType = "application/vnd.example.none" }, TestTimeout.Token));

        Assert.Equal(SourceReasons.OciLayerOperationFailed, error.Reason);
    }

    [Fact]
    public async Task Layer_with_parent_directory_entries_is_refused()
    {
        using var client = new OciClient(_registries.Anonymous.Host, Insecure);
        var layer = MaliciousLayer();
        var config = "{}"u8.ToArray();
        await client.PushBlobAsync(_repository, config, TestTimeout.Token);
        await client.PushBlobAsync(_repository, layer, TestTimeout.Token);
        var manifest = $$"""
            {"schemaVersion":2,"mediaType":"{{OciMediaTypes.ImageManifest}}",
             "config":{"mediaType":"{{OciMediaTypes.FluxConfig}}","digest":"{{Digest(config)}}","size":{{config.Length}}},
             "layers":[{"mediaType":"{{OciMediaTypes.FluxContent}}","digest":"{{Digest(layer)}}","size":{{layer.Length}}}]}
            """;
        await client.PushManifestAsync(_repository, "evil", Encoding.UTF8.GetBytes(manifest), OciMediaTypes.ImageManifest, TestTimeout.Token);

        var error = await Assert.ThrowsAsync<SourceException>(() =>
            _source.ReconcileAsync(Request(_registries.Anonymous) with { Tag = "evil" }, TestTimeout.Token));

        Assert.Contains("refusing to extract '../escape.yaml': path contains '..'", error.Message, StringComparison.Ordinal);
        Assert.Equal(SourceReasons.OciLayerOperationFailed, error.Reason);
        Assert.Equal(SourceConditions.FetchFailed, error.ConditionType);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "escape.yaml")));
    }

    [Fact]
    public async Task Basic_auth_from_a_docker_config_secret()
    {
        var options = new OciClientOptions { Insecure = true, Credentials = Credentials(_registries.Protected, RegistryFixture.Password) };
        var digest = await PushAsync(_registries.Protected, "v1", "private", options);

        var result = await _source.ReconcileAsync(Request(_registries.Protected) with { Tag = "v1", Client = options }, TestTimeout.Token);

        Assert.Equal($"v1@{digest}", result.Artifact.Revision);
    }

    [Fact]
    public async Task Wrong_registry_password_is_an_authentication_failure_without_the_secret()
    {
        var options = new OciClientOptions { Insecure = true, Credentials = Credentials(_registries.Protected, "wrong-secret-value") };

        var error = await Assert.ThrowsAsync<SourceException>(() =>
            _source.ReconcileAsync(Request(_registries.Protected) with { Tag = "v1", Client = options }, TestTimeout.Token));

        Assert.Equal(SourceReasons.AuthenticationFailed, error.Reason);
        Assert.StartsWith($"oci://{_registries.Protected.Host}/{_repository}: resolving 'v1': the registry answered 401", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bearer_token_flow_through_www_authenticate()
    {
        await using var proxy = await TokenAuthProxy.StartAsync(_registries.Anonymous.Host, "robot", "robot-secret");
        var options = new OciClientOptions { Insecure = true, Credentials = new RegistryCredentials("robot", "robot-secret") };
        var reference = OciReference.Parse($"oci://{proxy.Host}/{_repository}:v1", true);
        var dir = _dir.Combine("tokened");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "a.yaml"), "a");
        var digest = await OciArtifactPusher.PushAsync(reference, dir, "src", "rev", Created, options, TestTimeout.Token);

        var result = await _source.ReconcileAsync(new OciRepositoryRequest
        {
            Key = new ArtifactKey("OCIRepository", "default", "tokened"),
            Url = $"oci://{proxy.Host}/{_repository}",
            Tag = "v1",
            Client = options,
        }, TestTimeout.Token);

        Assert.Equal($"v1@{digest}", result.Artifact.Revision);
        Assert.Contains($"repository:{_repository}:pull,push", proxy.Scopes);
        Assert.Contains($"repository:{_repository}:pull", proxy.Scopes);
    }

    [Fact]
    public async Task Plain_http_registry_is_not_used_unless_insecure_is_set()
    {
        await PushAsync(_registries.Anonymous, "v1", "x");

        var error = await Assert.ThrowsAsync<SourceException>(() => _source.ReconcileAsync(
            Request(_registries.Anonymous) with { Tag = "v1", Client = new OciClientOptions { Insecure = false, Timeout = TimeSpan.FromSeconds(10) } },
            TestTimeout.Token));

        Assert.Equal(SourceReasons.OciPullFailed, error.Reason);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Tls_registry_is_trusted_through_the_custom_ca()
    {
        var certificates = TestCertificates.Create();
        await using var registry = await RegistryServer.StartAsync(tls: certificates);
        var trusting = new OciClientOptions { CaCertificate = Encoding.ASCII.GetBytes(certificates.CaPem) };
        var digest = await PushAsync(registry, "v1", "over tls", trusting);

        var result = await _source.ReconcileAsync(Request(registry) with { Tag = "v1", Client = trusting }, TestTimeout.Token);
        var error = await Assert.ThrowsAsync<SourceException>(() =>
            _source.ReconcileAsync(Request(registry) with { Tag = "v1", Client = new OciClientOptions() }, TestTimeout.Token));

        Assert.Equal($"v1@{digest}", result.Artifact.Revision);
        Assert.Equal(SourceReasons.OciPullFailed, error.Reason);
    }

    [Fact]
    public async Task Ignore_rules_apply_to_extracted_layers()
    {
        await PushAsync(_registries.Anonymous, "v1", "kept");

        var result = await _source.ReconcileAsync(Request(_registries.Anonymous) with { Tag = "v1", Ignore = "/deploy/" }, TestTimeout.Token);

        Assert.Empty(await FilesOfAsync(result.Artifact));
    }

    [Fact]
    public async Task Anonymous_bearer_token_is_requested_without_credentials()
    {
        var digest = await PushAsync(_registries.Anonymous, "v1", "public");
        await using var proxy = await TokenAuthProxy.StartAsync(_registries.Anonymous.Host, null, null);

        var result = await _source.ReconcileAsync(new OciRepositoryRequest
        {
            Key = new ArtifactKey("OCIRepository", "default", "anonymous"),
            Url = $"oci://{proxy.Host}/{_repository}",
            Tag = "v1",
            Client = Insecure,
        }, TestTimeout.Token);

        Assert.Equal($"v1@{digest}", result.Artifact.Revision);
        Assert.Equal([$"repository:{_repository}:pull"], proxy.Scopes.Distinct());
    }

    [Fact]
    public async Task Credentials_are_not_sent_to_a_plain_http_token_realm_of_a_tls_registry()
    {
        var certificates = TestCertificates.Create();
        await using var proxy = await TokenAuthProxy.StartAsync(_registries.Anonymous.Host, "robot", "robot-secret", certificates);
        var options = new OciClientOptions
        {
            Credentials = new RegistryCredentials("robot", "robot-secret"),
            CaCertificate = Encoding.ASCII.GetBytes(certificates.CaPem),
        };

        var error = await Assert.ThrowsAsync<SourceException>(() => _source.ReconcileAsync(new OciRepositoryRequest
        {
            Key = new ArtifactKey("OCIRepository", "default", "realm"),
            Url = $"oci://{proxy.Host.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)}/{_repository}",
            Tag = "v1",
            Client = options,
        }, TestTimeout.Token));

        Assert.Equal(SourceReasons.AuthenticationFailed, error.Reason);
        Assert.Contains("is not an https URL", error.Message, StringComparison.Ordinal);
        Assert.Empty(proxy.Scopes);
    }

    [Fact]
    public async Task Cached_token_makes_an_unchanged_check_a_single_request()
    {
        await PushAsync(_registries.Anonymous, "v1", "cached");
        await using var proxy = await TokenAuthProxy.StartAsync(_registries.Anonymous.Host, "robot", "robot-secret");
        var cache = new RegistryTokenCache(_time);
        var request = new OciRepositoryRequest
        {
            Key = new ArtifactKey("OCIRepository", "default", "cached"),
            Url = $"oci://{proxy.Host}/{_repository}",
            Tag = "v1",
            Client = new OciClientOptions { Insecure = true, Credentials = new RegistryCredentials("robot", "robot-secret"), TokenCache = cache },
        };
        var first = await _source.ReconcileAsync(request, TestTimeout.Token);
        var (requests, tokens) = (proxy.Requests, proxy.Scopes.Count);

        var second = await _source.ReconcileAsync(request with { CurrentArtifact = first.Artifact, ObservedContentConfig = first.ContentConfig }, TestTimeout.Token);
        var (afterSecond, tokensAfterSecond) = (proxy.Requests, proxy.Scopes.Count);
        _time.Advance(TimeSpan.FromMinutes(2));
        await _source.ReconcileAsync(request with { CurrentArtifact = first.Artifact, ObservedContentConfig = first.ContentConfig }, TestTimeout.Token);

        Assert.False(second.Changed);
        Assert.Equal(1, afterSecond - requests);
        Assert.Equal(tokens, tokensAfterSecond);
        Assert.Equal(2, proxy.Requests - afterSecond); // the expired token: challenge, then the HEAD with a new token
        Assert.Equal(tokens + 1, proxy.Scopes.Count);
    }

    [Fact]
    public void Url_with_a_tag_is_refused_for_oci_repositories()
    {
        var error = Assert.Throws<SourceException>(() => OciReference.Parse("oci://ghcr.io/org/app:v1", allowTagOrDigest: false));

        Assert.Equal(SourceReasons.UrlInvalid, error.Reason);
    }

    [Fact]
    public void Docker_config_json_entries_are_found_by_registry_host()
    {
        var json = """{"auths":{"https://ghcr.io":{"auth":"dXNlcjpwYXNz"},"127.0.0.1:5000":{"username":"u","password":"p"}}}"""u8.ToArray();

        Assert.Equal(new RegistryCredentials("user", "pass"), RegistryCredentials.FromDockerConfig(json, "ghcr.io"));
        Assert.Equal(new RegistryCredentials("u", "p"), RegistryCredentials.FromDockerConfig(json, "127.0.0.1:5000"));
        Assert.Null(RegistryCredentials.FromDockerConfig(json, "docker.io"));
        Assert.DoesNotContain("pass", new RegistryCredentials("user", "pass").ToString(), StringComparison.Ordinal);
    }

    private static RegistryCredentials Credentials(RegistryServer registry, string password)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["auths"] = new Dictionary<string, object> { [registry.Host] = new { username = RegistryFixture.Username, password } },
        });
        return RegistryCredentials.FromDockerConfig(Encoding.UTF8.GetBytes(json), registry.Host)!;
    }

    private static byte[] MaliciousLayer()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "../escape.yaml") { DataStream = new MemoryStream("x"u8.ToArray()) });
        }

        return buffer.ToArray();
    }

    private static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public void Dispose() => _dir.Dispose();
}
