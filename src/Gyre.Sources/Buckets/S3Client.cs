using System.Net;
using System.Xml.Linq;
using Gyre.Sources.Http;

namespace Gyre.Sources.Buckets;

/// <summary>
/// The S3 API a Bucket needs (HeadBucket, ListObjectsV2 with prefix and continuation tokens, GetObject), signed with
/// <see cref="SigV4Signer"/> when credentials are given. Addressing follows minio-go's auto lookup: virtual-host style
/// (<c>bucket.s3.amazonaws.com</c>) for AWS endpoints and DNS-safe bucket names, path style otherwise.
/// </summary>
public sealed class S3Client : IBucketClient
{
    private readonly S3ClientOptions _options;
    private readonly HttpClient _http;
    private readonly string _scheme;
    private readonly string _host;
    private readonly string _bucketPath;
    private string _region;

    public S3Client(S3ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _region = options.Region;
        (_scheme, var endpoint) = ParseEndpoint(options.Endpoint, options.Insecure);
        var virtualHost = IsAwsEndpoint(endpoint) && IsDnsSafe(options.BucketName);
        _host = virtualHost ? options.BucketName + "." + endpoint : endpoint;
        _bucketPath = virtualHost ? "" : "/" + SigV4Signer.EncodePath(options.BucketName);
        Location = $"{_scheme}://{endpoint}/{options.BucketName}";
        _http = SourceHttpClient.Create(options.CaCertificate, options.ClientCertificate, options.ClientKey, options.Proxy, options.Timeout);
    }

    /// <summary>The bucket as errors name it: scheme://endpoint/bucket (never credentials).</summary>
    public string Location { get; }

    /// <summary>The region requests are signed for (the bucket's own once HeadBucket named it, when not pinned).</summary>
    public string Region => _region;

    public async Task<bool> BucketExistsAsync(CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Head, "", [], "checking the bucket", cancellationToken).ConfigureAwait(false);
        // S3 names a bucket's region on every HeadBucket answer; without spec.region follow it, as minio-go looks it up.
        if (!_options.RegionPinned && response.Headers.TryGetValues("x-amz-bucket-region", out var regions)
            && regions.FirstOrDefault() is { Length: > 0 } region && region != _region)
        {
            response.Dispose();
            _region = region;
            response = await SendAsync(HttpMethod.Head, "", [], "checking the bucket", cancellationToken).ConfigureAwait(false);
        }

        using var _ = response;
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        if (!response.IsSuccessStatusCode)
        {
            // A HEAD answer has no body: ask again with a one-key listing to learn S3's error code and message.
            List<KeyValuePair<string, string>> probe = [new("list-type", "2"), new("max-keys", "1")];
            using var detailed = await SendAsync(HttpMethod.Get, "", probe, "checking the bucket", cancellationToken).ConfigureAwait(false);
            await S3Errors.EnsureSuccessAsync(detailed.IsSuccessStatusCode ? response : detailed, Location, "checking the bucket", cancellationToken)
                .ConfigureAwait(false);
        }

        return true;
    }

    public async Task<IReadOnlyList<BucketObject>> ListAsync(string? prefix, CancellationToken cancellationToken)
    {
        var objects = new List<BucketObject>();
        string? token = null;
        do
        {
            var query = new List<KeyValuePair<string, string>> { new("list-type", "2"), new("encoding-type", "url"), new("max-keys", "1000") };
            if (!string.IsNullOrEmpty(prefix))
            {
                query.Add(new("prefix", prefix));
            }

            if (token is not null)
            {
                query.Add(new("continuation-token", token));
            }

            using var response = await SendAsync(HttpMethod.Get, "", query, "listing objects", cancellationToken).ConfigureAwait(false);
            await S3Errors.EnsureSuccessAsync(response, Location, "listing objects", cancellationToken).ConfigureAwait(false);
            var page = await ListObjectsPage.ReadAsync(response, Location, cancellationToken).ConfigureAwait(false);
            objects.AddRange(page.Objects);
            token = page.NextToken;
        }
        while (token is not null);

        return objects;
    }

    public async Task<bool> DownloadAsync(string key, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(destination);
        var what = $"getting object '{key}'";
        using var response = await SendAsync(HttpMethod.Get, "/" + SigV4Signer.EncodePath(key), [], what, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound && await S3Errors.CodeAsync(response, cancellationToken).ConfigureAwait(false) is "NoSuchKey")
        {
            return false;
        }

        await S3Errors.EnsureSuccessAsync(response, Location, what, cancellationToken).ConfigureAwait(false);
        await BucketHttp.CopyAsync(response, destination, Location, what, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string objectPath, List<KeyValuePair<string, string>> query, string what, CancellationToken cancellationToken)
    {
        var path = _bucketPath + objectPath;
        if (path.Length == 0)
        {
            path = "/";
        }

        var queryString = SigV4Signer.CanonicalQuery(query);
        using var request = new HttpRequestMessage(method, $"{_scheme}://{_host}{path}{(queryString.Length > 0 ? "?" + queryString : "")}");
        if (_options.Credentials is { } credentials)
        {
            var signed = SigV4Signer.Sign(new SigV4Request { Method = method.Method, Host = _host, Path = path, Query = query }, credentials,
                _region, "s3", _options.Time.GetUtcNow());
            foreach (var (name, value) in signed.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await BucketHttp.SendAsync(_http, request, Location, what, _options.Timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>host[:port] and the scheme; a scheme in spec.endpoint must agree with spec.insecure.</summary>
    internal static (string Scheme, string Endpoint) ParseEndpoint(string endpoint, bool insecure)
    {
        var scheme = insecure ? "http" : "https";
        var rest = endpoint.Trim();
        foreach (var prefix in new[] { "http://", "https://" })
        {
            if (rest.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var given = prefix[..^3];
                if (given != scheme)
                {
                    throw new SourceException(endpoint, "invalid spec.endpoint",
                        given == "http" ? "it is http:// but spec.insecure is false; set spec.insecure: true for plain http" : "it is https:// but spec.insecure is true",
                        SourceReasons.UrlInvalid);
                }

                rest = rest[prefix.Length..];
            }
        }

        rest = rest.TrimEnd('/');
        if (rest.Length == 0 || rest.Contains('/', StringComparison.Ordinal) || rest.Contains('@', StringComparison.Ordinal)
            || Uri.CheckHostName(HostOf(rest).Trim('[', ']')) == UriHostNameType.Unknown)
        {
            throw new SourceException(endpoint, "invalid spec.endpoint", "it must be host[:port] (for example minio.example.com:9000), without a path",
                SourceReasons.UrlInvalid);
        }

        return (scheme, rest);
    }

    private static string HostOf(string endpoint) =>
        endpoint.StartsWith('[') ? endpoint[..(endpoint.IndexOf(']', StringComparison.Ordinal) + 1)] : endpoint.Split(':')[0];

    private static bool IsAwsEndpoint(string endpoint)
    {
        var host = HostOf(endpoint);
        return host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) && host.StartsWith("s3", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsDnsSafe(string bucket) =>
        bucket.Length is >= 3 and <= 63 && bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && bucket[0] != '-' && bucket[^1] != '-';
}
