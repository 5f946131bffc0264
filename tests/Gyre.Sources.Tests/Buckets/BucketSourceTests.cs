using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Gyre.Sources.Artifacts;
using Gyre.Sources.Buckets;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Sources.Tests.Buckets;

/// <summary>The Bucket pipeline against the signature-checking S3 test server.</summary>
public sealed class BucketSourceTests : IAsyncLifetime, IDisposable
{
    private static readonly AwsCredentials Keys = new("AKIAGYRETEST", "gyre/secret+key");
    private readonly TempDirectory _dir = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 20, 0, 0, TimeSpan.Zero));
    private readonly ArtifactStore _store;
    private readonly BucketSource _source;
    private S3TestServer _s3 = null!;

    public BucketSourceTests()
    {
        _store = new ArtifactStore(_dir.Combine("store"), "http://gyre.test", _time);
        Directory.CreateDirectory(_dir.Combine("work"));
        _source = new BucketSource(_store, _dir.Combine("work"));
    }

    public async Task InitializeAsync()
    {
        _s3 = await S3TestServer.StartAsync();
        _s3.Credentials = Keys;
    }

    public async Task DisposeAsync() => await _s3.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    private S3Client Client(AwsCredentials? credentials = null, string bucket = "fleet", string region = "us-east-1", bool pinned = true) => new(new S3ClientOptions
    {
        Endpoint = _s3.Endpoint,
        BucketName = bucket,
        Insecure = true,
        Region = region,
        RegionPinned = pinned,
        Credentials = credentials ?? Keys,
        Time = _time,
    });

    private static BucketRequest Request(string? prefix = null, string? ignore = null, Artifact? current = null, string? observedIgnore = null) => new()
    {
        Key = new ArtifactKey("Bucket", "flux-system", "fleet"),
        Prefix = prefix,
        Ignore = ignore,
        CurrentArtifact = current,
        ObservedIgnore = observedIgnore,
        MaxConcurrentDownloads = 3,
    };

    private async Task<BucketResult> ReconcileAsync(BucketRequest request, S3Client? client = null)
    {
        using var c = client ?? Client();
        return await _source.ReconcileAsync(request, c, TestTimeout.Token);
    }

    [Fact]
    public async Task Lists_every_page_below_the_prefix_and_archives_the_objects_with_the_index_digest_as_revision()
    {
        _s3.PageSize = 2;
        _s3.Put("fleet", "apps/prod/a.yaml", "a");
        _s3.Put("fleet", "apps/prod/b.yaml", "b");
        _s3.Put("fleet", "apps/prod/nested/c.yaml", "c");
        _s3.Put("fleet", "apps/prod/dir/", "");
        _s3.Put("fleet", "apps/staging/d.yaml", "d");

        var result = await ReconcileAsync(Request(prefix: "apps/prod/"));

        var expected = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(
            new[] { ("apps/prod/a.yaml", "a"), ("apps/prod/b.yaml", "b"), ("apps/prod/nested/c.yaml", "c") }
                .Select(p => $"{p.Item1} {S3TestServer.ETag(Encoding.UTF8.GetBytes(p.Item2))}\n")))));
        Assert.Equal(expected, result.Artifact.Revision);
        Assert.True(result.Changed);
        Assert.Equal(3, result.ObjectCount);
        Assert.Equal($"bucket/flux-system/fleet/{expected[7..]}.tar.gz", result.Artifact.Path);
        Assert.Equal("http://gyre.test/bucket/flux-system/fleet/latest.tar.gz", result.Url);
        Assert.Equal(["apps/prod/a.yaml=a", "apps/prod/b.yaml=b", "apps/prod/nested/c.yaml=c"], await FilesAsync(result.Artifact));
        Assert.True(_s3.Lists >= 2);
    }

    [Fact]
    public async Task An_unchanged_index_keeps_the_stored_artifact_without_downloading_objects()
    {
        _s3.Put("fleet", "deploy/app.yaml", "v1");
        var first = await ReconcileAsync(Request());
        var gets = _s3.ObjectGets;

        var second = await ReconcileAsync(Request(current: first.Artifact));

        Assert.False(second.Changed);
        Assert.Equal(first.Artifact, second.Artifact);
        Assert.Equal(gets + 1, _s3.ObjectGets); // only the .sourceignore lookup

        _s3.Put("fleet", "deploy/app.yaml", "v2");
        var third = await ReconcileAsync(Request(current: first.Artifact));
        Assert.True(third.Changed);
        Assert.NotEqual(first.Artifact.Revision, third.Artifact.Revision);
        Assert.Equal(["deploy/app.yaml=v2"], await FilesAsync(third.Artifact));
    }

    [Fact]
    public async Task The_root_sourceignore_and_spec_ignore_leave_keys_out_of_the_index()
    {
        _s3.Put("fleet", ".sourceignore", "*.md\nsecret/\n");
        _s3.Put("fleet", "README.md", "docs");
        _s3.Put("fleet", "secret/key.yaml", "no");
        _s3.Put("fleet", "deploy/app.yaml", "yes");
        _s3.Put("fleet", "deploy/test.yaml", "test");

        var result = await ReconcileAsync(Request(ignore: "deploy/test.yaml"));

        Assert.Equal(1, result.ObjectCount);
        Assert.Equal([".sourceignore=*.md\nsecret/\n", "deploy/app.yaml=yes"], await FilesAsync(result.Artifact));

        var unchangedIndexNewIgnore = await ReconcileAsync(Request(ignore: "deploy/test.yaml\n*.txt", current: result.Artifact, observedIgnore: "deploy/test.yaml"));
        Assert.True(unchangedIndexNewIgnore.Changed);
    }

    [Fact]
    public async Task Vcs_metadata_counts_in_the_revision_but_stays_out_of_the_artifact()
    {
        _s3.Put("fleet", ".git/config", "[core]");
        _s3.Put("fleet", "deploy/.gitignore", "*.tmp");
        _s3.Put("fleet", "deploy/app.yaml", "app");

        var result = await ReconcileAsync(Request());

        Assert.Equal(3, result.ObjectCount);
        Assert.Equal(["deploy/app.yaml=app"], await FilesAsync(result.Artifact));
    }

    [Fact]
    public async Task A_key_that_climbs_out_of_the_bucket_directory_is_refused()
    {
        _s3.Put("fleet", "deploy/../../escape.yaml", "no");

        var ex = await Assert.ThrowsAsync<SourceException>(() => ReconcileAsync(Request()));

        Assert.Contains("the key leaves the bucket directory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_that_need_escaping_are_signed_listed_and_downloaded()
    {
        const string key = "dir with spaces/a+b=c&d é中.yaml";
        _s3.Put("fleet", key, "escaped");

        var result = await ReconcileAsync(Request());

        Assert.Equal([$"{key}=escaped"], await FilesAsync(result.Artifact));
    }

    [Fact]
    public async Task A_wrong_secret_fails_with_the_S3_error_and_never_shows_the_secret()
    {
        _s3.Put("fleet", "a.yaml", "a");

        var ex = await Assert.ThrowsAsync<SourceException>(() => ReconcileAsync(Request(), Client(Keys with { SecretAccessKey = "wrong-secret-value" })));

        Assert.Equal(SourceReasons.BucketOperationFailed, ex.Reason);
        Assert.Contains("S3 error SignatureDoesNotMatch", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"http://{_s3.Endpoint}/fleet: checking the bucket: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_requests_are_denied_with_a_clear_message()
    {
        _s3.Put("fleet", "a.yaml", "a");
        using var anonymous = new S3Client(new S3ClientOptions { Endpoint = _s3.Endpoint, BucketName = "fleet", Insecure = true });

        var ex = await Assert.ThrowsAsync<SourceException>(() => ReconcileAsync(Request(), anonymous));

        Assert.Contains("S3 error AccessDenied", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_bucket_says_so()
    {
        var ex = await Assert.ThrowsAsync<SourceException>(() => ReconcileAsync(Request(), Client(bucket: "absent")));

        Assert.Contains("bucket not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_region_names_the_region()
    {
        _s3.Put("fleet", "a.yaml", "a");
        _s3.Region = "eu-west-1";

        var ex = await Assert.ThrowsAsync<SourceException>(() => ReconcileAsync(Request(), Client()));
        Assert.Contains("AuthorizationHeaderMalformed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("check spec.region", ex.Message, StringComparison.Ordinal);

        var result = await ReconcileAsync(Request(), Client(region: "eu-west-1"));
        Assert.Equal(1, result.ObjectCount);
    }

    [Fact]
    public async Task Without_spec_region_the_region_HeadBucket_names_is_used()
    {
        _s3.Put("fleet", "a.yaml", "a");
        _s3.Region = "ap-southeast-2";
        using var client = Client(pinned: false);

        var result = await ReconcileAsync(Request(), client);

        Assert.Equal(1, result.ObjectCount);
        Assert.Equal("ap-southeast-2", client.Region);
    }

    [Fact]
    public async Task A_session_token_is_sent_and_signed()
    {
        var temporary = Keys with { SessionToken = "session/token+value==" };
        _s3.Credentials = temporary;
        _s3.Put("fleet", "a.yaml", "a");

        var result = await ReconcileAsync(Request(), Client(temporary));

        Assert.Equal(1, result.ObjectCount);
        await Assert.ThrowsAsync<SourceException>(() => ReconcileAsync(Request(), Client(Keys)));
    }

    [Fact]
    public async Task Https_endpoints_are_verified_against_the_given_CA()
    {
        var certificates = TestCertificates.Create();
        await using var tls = await S3TestServer.StartAsync(certificates);
        tls.Put("fleet", "a.yaml", "tls");
        var options = new S3ClientOptions { Endpoint = tls.Endpoint, BucketName = "fleet", Time = _time };

        var untrusted = await Assert.ThrowsAsync<SourceException>(() => ReconcileAsync(Request(), new S3Client(options)));
        Assert.Contains("checking the bucket", untrusted.Message, StringComparison.Ordinal);

        var result = await ReconcileAsync(Request(), new S3Client(options with { CaCertificate = Encoding.ASCII.GetBytes(certificates.CaPem) }));
        Assert.Equal(["a.yaml=tls"], await FilesAsync(result.Artifact));
    }

    [Fact]
    public async Task A_server_slower_than_the_timeout_fails_naming_spec_timeout()
    {
        _s3.Put("fleet", "a.yaml", "a");
        _s3.ResponseDelay = TimeSpan.FromSeconds(30);
        using var client = new S3Client(new S3ClientOptions
        {
            Endpoint = _s3.Endpoint, BucketName = "fleet", Insecure = true, Credentials = Keys, Time = _time, Timeout = TimeSpan.FromSeconds(1),
        });

        var ex = await Assert.ThrowsAsync<SourceException>(() => ReconcileAsync(Request(), client));

        Assert.Contains("no answer within 1s (spec.timeout)", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task Requests_go_through_the_proxy_from_the_proxy_secret()
    {
        await using var proxy = await ForwardProxy.StartAsync("proxy-user", "proxy-pa55");
        _s3.Put("fleet", "a.yaml", "a");
        var secret = new Dictionary<string, byte[]>
        {
            ["address"] = Encoding.UTF8.GetBytes(proxy.Address),
            ["username"] = "proxy-user"u8.ToArray(),
            ["password"] = "proxy-pa55"u8.ToArray(),
        };
        using var client = new S3Client(new S3ClientOptions
        {
            Endpoint = _s3.Endpoint, BucketName = "fleet", Insecure = true, Credentials = Keys, Time = _time,
            Proxy = Gyre.Sources.Http.SourceProxy.FromSecret(secret, "test"),
        });

        var result = await ReconcileAsync(Request(), client);

        Assert.Equal(1, result.ObjectCount);
        Assert.True(proxy.Relayed >= 4, $"relayed {proxy.Relayed}"); // HeadBucket, .sourceignore, list, object
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000", false)]
    [InlineData("https://minio.example:9000", true)]
    [InlineData("minio.example/path", false)]
    [InlineData("", false)]
    public void Endpoints_that_disagree_with_insecure_or_carry_a_path_are_refused(string endpoint, bool insecure)
    {
        var ex = Assert.Throws<SourceException>(() => S3Client.ParseEndpoint(endpoint, insecure));

        Assert.Equal(SourceReasons.UrlInvalid, ex.Reason);
    }

    [Fact]
    public void Aws_endpoints_use_virtual_host_addressing_and_others_path_style()
    {
        using var aws = new S3Client(new S3ClientOptions { Endpoint = "s3.eu-west-1.amazonaws.com", BucketName = "my-fleet" });
        using var minio = new S3Client(new S3ClientOptions { Endpoint = "minio.example:9000", BucketName = "my-fleet", Insecure = true });

        Assert.Equal("https://s3.eu-west-1.amazonaws.com/my-fleet", aws.Location);
        Assert.Equal("http://minio.example:9000/my-fleet", minio.Location);
    }

    private async Task<List<string>> FilesAsync(Artifact artifact)
    {
        var files = new List<string>();
        await using var gzip = new GZipStream(File.OpenRead(_store.LocalPath(artifact.Path)), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
        {
            if (entry.EntryType == TarEntryType.RegularFile)
            {
                using var content = new StreamReader(entry.DataStream!);
                files.Add($"{entry.Name}={await content.ReadToEndAsync()}");
            }
        }

        return files;
    }
}
