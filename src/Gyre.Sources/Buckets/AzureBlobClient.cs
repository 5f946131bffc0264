using System.Globalization;
using System.Net;
using Gyre.Sources.Http;

namespace Gyre.Sources.Buckets;

/// <summary>
/// The Azure Blob REST operations a Bucket needs (Get Container Properties, List Blobs with prefix and markers,
/// Get Blob), authorized with Shared Key (<see cref="AzureSharedKeySigner"/>) or a SAS token, as source-controller's
/// azure provider does with the <c>accountKey</c> or <c>sasKey</c> of spec.secretRef.
/// </summary>
public sealed class AzureBlobClient : IBucketClient
{
    /// <summary>The Blob service version Gyre speaks (x-ms-version).</summary>
    public const string ServiceVersion = "2021-08-06";

    private readonly AzureBlobClientOptions _options;
    private readonly HttpClient _http;
    private readonly string _baseUrl;
    private readonly string _containerPath;
    private readonly List<KeyValuePair<string, string>> _sas;

    public AzureBlobClient(AzureBlobClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var endpoint = AzureEndpoint.Parse(options.Endpoint, options.Insecure);
        Account = endpoint.Account;
        _baseUrl = $"{endpoint.Scheme}://{endpoint.Host}";
        _containerPath = endpoint.PathPrefix + "/" + SigV4Signer.EncodePath(options.Container);
        Location = $"{_baseUrl}{endpoint.PathPrefix}/{options.Container}";
        _sas = [.. (options.SasToken ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Select(p => KeyValuePair.Create(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p.Length > 1 ? p[1] : "")))];
        _http = SourceHttpClient.Create(options.CaCertificate, options.ClientCertificate, options.ClientKey, options.Proxy, options.Timeout);
    }

    /// <summary>The storage account.</summary>
    public string Account { get; }

    public string Location { get; }

    public async Task<bool> BucketExistsAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(_containerPath, [new("restype", "container")], "checking the container", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await S3Errors.EnsureSuccessAsync(response, Location, "checking the container", cancellationToken, "Azure Storage").ConfigureAwait(false);
        return true;
    }

    public async Task<IReadOnlyList<BucketObject>> ListAsync(string? prefix, CancellationToken cancellationToken)
    {
        var blobs = new List<BucketObject>();
        string? marker = null;
        do
        {
            var query = new List<KeyValuePair<string, string>> { new("restype", "container"), new("comp", "list"), new("maxresults", "5000") };
            if (!string.IsNullOrEmpty(prefix))
            {
                query.Add(new("prefix", prefix));
            }

            if (marker is not null)
            {
                query.Add(new("marker", marker));
            }

            using var response = await SendAsync(_containerPath, query, "listing blobs", cancellationToken).ConfigureAwait(false);
            await S3Errors.EnsureSuccessAsync(response, Location, "listing blobs", cancellationToken, "Azure Storage").ConfigureAwait(false);
            var page = await ListBlobsPage.ReadAsync(response, Location, cancellationToken).ConfigureAwait(false);
            blobs.AddRange(page.Objects);
            marker = page.NextToken;
        }
        while (marker is not null);

        return blobs;
    }

    public async Task<bool> DownloadAsync(string key, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var what = $"getting blob '{key}'";
        using var response = await SendAsync(_containerPath + "/" + SigV4Signer.EncodePath(key), [], what, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound && await S3Errors.CodeAsync(response, cancellationToken).ConfigureAwait(false) is "BlobNotFound")
        {
            return false;
        }

        await S3Errors.EnsureSuccessAsync(response, Location, what, cancellationToken, "Azure Storage").ConfigureAwait(false);
        await BucketHttp.CopyAsync(response, destination, Location, what, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(string path, List<KeyValuePair<string, string>> query, string what, CancellationToken cancellationToken)
    {
        var all = query.Concat(_sas).ToList();
        var queryString = SigV4Signer.CanonicalQuery(all);
        using var request = new HttpRequestMessage(HttpMethod.Get, _baseUrl + path + (queryString.Length > 0 ? "?" + queryString : ""));
        var date = _options.Time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation("x-ms-date", date);
        request.Headers.TryAddWithoutValidation("x-ms-version", ServiceVersion);
        if (_options.AccountKey is { } key)
        {
            request.Headers.TryAddWithoutValidation("Authorization", AzureSharedKeySigner.Authorization(Account, key, "GET", path, query,
                [new("x-ms-date", date), new("x-ms-version", ServiceVersion)]));
        }

        return await BucketHttp.SendAsync(_http, request, Location, what, _options.Timeout, cancellationToken).ConfigureAwait(false);
    }
}
