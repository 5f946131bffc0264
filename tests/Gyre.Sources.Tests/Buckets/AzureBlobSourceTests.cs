using System.Text;
using Gyre.Sources.Artifacts;
using Gyre.Sources.Buckets;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Sources.Tests.Buckets;

/// <summary>The Bucket pipeline on Azure Blob storage, against the signature-checking Azure test server.</summary>
public sealed class AzureBlobSourceTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 20, 30, 0, TimeSpan.Zero));
    private readonly ArtifactStore _store;
    private readonly BucketSource _source;
    private AzureBlobTestServer _azure = null!;

    public AzureBlobSourceTests()
    {
        _store = new ArtifactStore(_dir.Combine("store"), "http://gyre.test", _time);
        Directory.CreateDirectory(_dir.Combine("work"));
        _source = new BucketSource(_store, _dir.Combine("work"));
    }

    public async Task InitializeAsync() => _azure = await AzureBlobTestServer.StartAsync();

    public async Task DisposeAsync() => await _azure.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    private AzureBlobClient Client(byte[]? key = null, string? sas = null, string container = "fleet") => new(new AzureBlobClientOptions
    {
        Endpoint = _azure.Endpoint,
        Container = container,
        Insecure = true,
        AccountKey = sas is null ? key ?? _azure.AccountKey : null,
        SasToken = sas,
        Time = _time,
    });

    private async Task<BucketResult> ReconcileAsync(AzureBlobClient client, string? prefix = null)
    {
        using (client)
        {
            return await _source.ReconcileAsync(new BucketRequest { Key = new ArtifactKey("Bucket", "flux-system", "fleet"), Prefix = prefix }, client, TestTimeout.Token);
        }
    }

    [Fact]
    public async Task Blobs_below_the_prefix_are_listed_over_every_page_and_archived_with_shared_key_requests()
    {
        _azure.PageSize = 1;
        _azure.Put("fleet", "apps/a.yaml", "a");
        _azure.Put("fleet", "apps/dir with space/b.yaml", "b");
        _azure.Put("fleet", "other/c.yaml", "c");

        var result = await ReconcileAsync(Client(), "apps/");

        Assert.Equal(2, result.ObjectCount);
        Assert.StartsWith("sha256:", result.Artifact.Revision, StringComparison.Ordinal);
        Assert.True(_store.Exists(result.Artifact));
    }

    [Fact]
    public async Task A_SAS_token_authorizes_instead_of_the_account_key()
    {
        _azure.Put("fleet", "a.yaml", "a");

        var result = await ReconcileAsync(Client(sas: $"?sv=2021-08-06&sr=c&sp=rl&sig={Uri.EscapeDataString(_azure.SasSignature)}"));

        Assert.Equal(1, result.ObjectCount);
    }

    [Fact]
    public async Task A_wrong_key_fails_with_the_Azure_error_code()
    {
        _azure.Put("fleet", "a.yaml", "a");

        var ex = await Assert.ThrowsAsync<SourceException>(() => ReconcileAsync(Client(key: Encoding.ASCII.GetBytes("wrong-key-wrong-key"))));

        Assert.Contains("Azure Storage error AuthenticationFailed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("check the accountKey or sasKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_container_says_so()
    {
        var ex = await Assert.ThrowsAsync<SourceException>(() => ReconcileAsync(Client(container: "absent")));

        Assert.Contains("bucket not found", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://gyreacct.blob.core.windows.net", false, "gyreacct")]
    [InlineData("gyreacct.blob.core.windows.net", false, "gyreacct")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1", true, "devstoreaccount1")]
    public void The_account_comes_from_the_host_or_the_emulator_path(string endpoint, bool insecure, string account)
    {
        using var client = new AzureBlobClient(new AzureBlobClientOptions { Endpoint = endpoint, Container = "c", Insecure = insecure });

        Assert.Equal(account, client.Account);
    }

    [Theory]
    [InlineData("http://gyreacct.blob.core.windows.net", false)]
    [InlineData("https://127.0.0.1:10000", false)]
    [InlineData("https://host/a/b", false)]
    public void Endpoints_without_an_account_or_with_the_wrong_scheme_are_refused(string endpoint, bool insecure) =>
        Assert.Equal(SourceReasons.UrlInvalid, Assert.Throws<SourceException>(() => new AzureBlobClient(new AzureBlobClientOptions { Endpoint = endpoint, Container = "c", Insecure = insecure })).Reason);
}
