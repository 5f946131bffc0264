using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Sources.Http;

namespace Gyre.Sources.Oci;

/// <summary>
/// A client for the OCI distribution API: anonymous access, the token flow a <c>WWW-Authenticate: Bearer</c> challenge
/// asks for (with basic credentials at the token realm when the Secret has them), plain basic auth, custom CA, and
/// plain HTTP only when <see cref="OciClientOptions.Insecure"/> is set. Every blob and manifest is digest-checked.
/// </summary>
public sealed partial class OciClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly OciClientOptions _options;
    private readonly string _registry;
    private AuthenticationHeaderValue? _authorization;

    public OciClient(string registry, OciClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _options = options;
        _http = SourceHttpClient.Create(options.CaCertificate, options.ClientCertificate, options.ClientKey, options.Proxy, options.Timeout);
    }

    private Uri Base => new((_options.Insecure ? "http://" : "https://") + _registry + "/v2/");

    /// <summary>Checks the registry accepts our credentials (GET /v2/ through the auth flow), as a registry login does.</summary>
    public async Task PingAsync(string repository, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Base), repository, "logging in", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>All tags of a repository, following <c>Link</c> pagination.</summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken)
    {
        var tags = new List<string>();
        var next = $"{repository}/tags/list?n=1000";
        while (next is not null)
        {
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(Base, next)), repository, "listing tags", cancellationToken)
                .ConfigureAwait(false);
            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            tags.AddRange((json?["tags"] as JsonArray ?? []).Select(t => t?.GetValue<string>()).OfType<string>());
            next = NextPage(response);
        }

        return tags;
    }

    /// <summary>The digest a tag (or digest) currently resolves to, with one HEAD request.</summary>
    public async Task<string> ResolveAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => ManifestRequest(HttpMethod.Head, repository, reference), repository, $"resolving '{reference}'", cancellationToken)
            .ConfigureAwait(false);
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } digest)
        {
            return digest;
        }

        // Registries may omit the header on HEAD; the body's digest is authoritative.
        return (await GetManifestAsync(repository, reference, cancellationToken).ConfigureAwait(false)).Digest;
    }

    /// <summary>Fetches a manifest and checks its digest when it was requested by digest.</summary>
    public async Task<OciManifest> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => ManifestRequest(HttpMethod.Get, repository, reference), repository, $"fetching manifest '{reference}'", cancellationToken)
            .ConfigureAwait(false);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        if (reference.StartsWith("sha256:", StringComparison.Ordinal) && reference != digest)
        {
            throw Failure(repository, $"fetching manifest '{reference}'", $"content digest is {digest}", SourceReasons.OciPullFailed, false);
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType
            ?? JsonNode.Parse(content)?["mediaType"]?.GetValue<string>() ?? OciMediaTypes.ImageManifest;
        return new OciManifest(digest, mediaType, content);
    }

    /// <summary>Downloads a blob into <paramref name="destination"/>, verifying its sha256 digest.</summary>
    public async Task DownloadBlobAsync(string repository, string digest, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(Base, $"{repository}/blobs/{digest}")),
            repository, $"fetching blob {digest}", cancellationToken, followRedirects: true).ConfigureAwait(false);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }

        var actual = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
        if (actual != digest)
        {
            throw Failure(repository, $"fetching blob {digest}", $"content digest is {actual}", SourceReasons.OciPullFailed, true);
        }
    }

    /// <summary>Uploads a blob (monolithic POST + PUT) unless the registry already has it.</summary>
    public async Task PushBlobAsync(string repository, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        using (var head = await SendRawAsync(() => new HttpRequestMessage(HttpMethod.Head, new Uri(Base, $"{repository}/blobs/{digest}")), cancellationToken)
            .ConfigureAwait(false))
        {
            if (head.IsSuccessStatusCode)
            {
                return;
            }
        }

        using var start = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, new Uri(Base, $"{repository}/blobs/uploads/")), repository,
            "starting a blob upload", cancellationToken).ConfigureAwait(false);
        var location = start.Headers.Location ?? throw Failure(repository, "starting a blob upload", "the registry sent no Location", SourceReasons.OciPullFailed, true);
        var upload = location.IsAbsoluteUri ? location : new Uri(Base, location);
        var separator = upload.Query.Length > 0 ? "&" : "?";
        var target = new Uri(upload + separator + "digest=" + Uri.EscapeDataString(digest));
        using var put = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, target)
        {
            Content = new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
        }, repository, "uploading a blob", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts a manifest under a tag and returns its digest.</summary>
    public async Task<string> PushManifestAsync(string repository, string tag, byte[] manifest, string mediaType, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, new Uri(Base, $"{repository}/manifests/{tag}"))
        {
            Content = new ByteArrayContent(manifest) { Headers = { ContentType = new MediaTypeHeaderValue(mediaType) } },
        }, repository, $"pushing manifest '{tag}'", cancellationToken).ConfigureAwait(false);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifest));
    }

    private HttpRequestMessage ManifestRequest(HttpMethod method, string repository, string reference)
    {
        var request = new HttpRequestMessage(method, new Uri(Base, $"{repository}/manifests/{reference}"));
        foreach (var type in OciMediaTypes.Manifests)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        return request;
    }

    private static string? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        var link = links.First();
        var start = link.IndexOf('<', StringComparison.Ordinal);
        var end = link.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? link[(start + 1)..end].Replace("/v2/", "", StringComparison.Ordinal) : null;
    }

    public void Dispose() => _http.Dispose();
}
