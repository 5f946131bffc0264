using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Gyre.Sources.Artifacts;
using Gyre.Sources.Http;
using Gyre.Sources.Oci;
using YamlDotNet.RepresentationModel;

namespace Gyre.Sources.Helm;

/// <summary>
/// The HelmRepository pipeline: for type default, download <c>index.yaml</c> (basic auth, custom CA), check it is a
/// Helm index, and store an exact copy as <c>index-&lt;sha256&gt;.yaml</c> with revision <c>sha256:&lt;hex&gt;</c> and an
/// <c>index.yaml</c> link; an unchanged digest writes nothing. For type oci there is no index: the registry is asked
/// to accept the credentials and nothing is stored, as source-controller does.
/// </summary>
public sealed class HelmRepositorySource(ArtifactStore store)
{
    public async Task<HelmRepositoryResult> ReconcileAsync(HelmRepositoryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Type switch
        {
            "oci" => await CheckOciAsync(request, cancellationToken).ConfigureAwait(false),
            "default" or "" => await FetchIndexAsync(request, cancellationToken).ConfigureAwait(false),
            _ => throw new SourceException(UrlRedactor.Redact(request.Url), "invalid spec.type", $"'{request.Type}' is not default or oci", SourceReasons.UrlInvalid),
        };
    }

    private async Task<HelmRepositoryResult> FetchIndexAsync(HelmRepositoryRequest request, CancellationToken cancellationToken)
    {
        var location = UrlRedactor.Redact(request.Url);
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.UserInfo.Length > 0)
        {
            throw new SourceException(location, "invalid URL", "a default HelmRepository needs an http:// or https:// URL without credentials",
                SourceReasons.UrlInvalid);
        }

        var indexUrl = new Uri(request.Url.TrimEnd('/') + "/index.yaml");
        var content = await DownloadAsync(indexUrl, location, request, cancellationToken).ConfigureAwait(false);
        var versions = Validate(content, location);
        var hex = Convert.ToHexStringLower(SHA256.HashData(content));
        var revision = "sha256:" + hex;
        if (request.CurrentArtifact is { } current && current.Revision == revision && store.Exists(current))
        {
            return new HelmRepositoryResult { Artifact = current, Changed = false, Url = LinkUrl(current), ChartVersions = versions };
        }

        var artifact = await store.StoreAsync(request.Key, $"index-{hex}.yaml", revision, null,
            (stream, ct) => stream.WriteAsync(content, ct).AsTask(), cancellationToken).ConfigureAwait(false);
        var link = store.Symlink(artifact, "index.yaml");
        store.GarbageCollect(artifact);
        return new HelmRepositoryResult { Artifact = artifact, Changed = true, Url = link, ChartVersions = versions };
    }

    private static async Task<byte[]> DownloadAsync(Uri indexUrl, string location, HelmRepositoryRequest request, CancellationToken cancellationToken)
    {
        using var http = SourceHttpClient.Create(request.CaCertificate, request.ClientCertificate, request.ClientKey, request.Timeout);
        var response = await SendFollowingRedirectsAsync(http, indexUrl, location, request, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is 401 or 403)
            {
                throw new SourceException(location, "fetching index.yaml", $"the server answered {status}; check the credentials in spec.secretRef",
                    SourceReasons.AuthenticationFailed);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new SourceException(location, "fetching index.yaml", $"the server answered {status}", SourceReasons.Failed, isTransient: true);
            }

            if (response.Content.Headers.ContentLength > request.MaxIndexBytes)
            {
                throw TooLarge(location, request.MaxIndexBytes);
            }

            using var buffer = new MemoryStream();
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var chunk = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    buffer.Write(chunk, 0, read);
                    if (buffer.Length > request.MaxIndexBytes)
                    {
                        throw TooLarge(location, request.MaxIndexBytes);
                    }
                }
            }

            return buffer.ToArray();
        }
    }

    /// <summary>
    /// GETs the index, following up to 10 redirects by hand: credentials go only to the index's own scheme, host and
    /// port (Helm's rule; Go's client drops Authorization on cross-host redirects too), unless passCredentials.
    /// </summary>
    private static async Task<HttpResponseMessage> SendFollowingRedirectsAsync(
        HttpClient http, Uri indexUrl, string location, HelmRepositoryRequest request, CancellationToken cancellationToken)
    {
        var target = indexUrl;
        for (var hop = 0; ; hop++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, target);
            if (request.Credentials is { } c && HelmCredentialsPolicy.SendCredentials(indexUrl, target, request.PassCredentials))
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(c.Username + ":" + c.Password)));
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new SourceException(location, "fetching index.yaml", UrlRedactor.RedactText(ex.InnerException?.Message ?? ex.Message),
                    SourceReasons.Failed, isTransient: true, ex);
            }

            if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } next)
            {
                return response;
            }

            response.Dispose();
            if (hop >= 10)
            {
                throw new SourceException(location, "fetching index.yaml", "more than 10 redirects", SourceReasons.Failed, isTransient: true);
            }

            target = next.IsAbsoluteUri ? next : new Uri(target, next);
            if (target.Scheme is not ("http" or "https"))
            {
                throw new SourceException(location, "fetching index.yaml", "redirected to a non-HTTP URL", SourceReasons.Failed);
            }
        }
    }

    /// <summary>Checks the document is a Helm repository index and counts its chart versions.</summary>
    private static int Validate(byte[] content, string location)
    {
        try
        {
            var yaml = new YamlStream();
            using var reader = new StringReader(Encoding.UTF8.GetString(content));
            yaml.Load(reader);
            if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root
                || !root.Children.TryGetValue(new YamlScalarNode("apiVersion"), out var apiVersion) || apiVersion is not YamlScalarNode { Value.Length: > 0 })
            {
                throw new SourceException(location, "loading index.yaml", "no apiVersion set; this is not a Helm repository index", SourceReasons.IndexationFailed);
            }

            return root.Children.TryGetValue(new YamlScalarNode("entries"), out var entries) && entries is YamlMappingNode charts
                ? charts.Children.Values.OfType<YamlSequenceNode>().Sum(s => s.Children.Count)
                : 0;
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new SourceException(location, "loading index.yaml", $"invalid YAML at line {ex.Start.Line}: {ex.Message}", SourceReasons.IndexationFailed, inner: ex);
        }
    }

    private static async Task<HelmRepositoryResult> CheckOciAsync(HelmRepositoryRequest request, CancellationToken cancellationToken)
    {
        var reference = OciReference.Parse(request.Url, allowTagOrDigest: false);
        using var client = new OciClient(reference.Registry, new OciClientOptions
        {
            Credentials = request.Credentials,
            CaCertificate = request.CaCertificate,
            ClientCertificate = request.ClientCertificate,
            ClientKey = request.ClientKey,
            Insecure = request.Insecure,
            Timeout = request.Timeout,
        });
        await client.PingAsync(reference.Repository, cancellationToken).ConfigureAwait(false);
        return new HelmRepositoryResult { Changed = false };
    }

    private string LinkUrl(Artifact artifact) =>
        store.AdvertisedBaseUrl + "/" + artifact.Path[..(artifact.Path.LastIndexOf('/') + 1)] + "index.yaml";

    private static SourceException TooLarge(string location, long max) =>
        new(location, "fetching index.yaml", $"the index is larger than {max} bytes", SourceReasons.IndexationFailed);
}
