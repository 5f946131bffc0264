using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Gyre.Controllers.Kustomizations;
using Gyre.Sources;
using Gyre.Sources.Helm;
using Gyre.Sources.Http;
using Gyre.Sources.Oci;
using Gyre.Sources.Semver;

namespace Gyre.Controllers.HelmCharts;

/// <summary>
/// Pulls a chart version from a HelmRepository as source-controller does: for an HTTP repository the index (from the
/// repository's stored artifact, or the repository itself before it has one) resolves the semver range to the
/// highest version, the .tgz is downloaded (credentials only to the index's host unless passCredentials) and its
/// sha256 checked against the index; for an OCI repository the tags are the versions.
/// </summary>
internal sealed class RepositoryChartFetcher(HttpClient artifacts)
{
    private const string HelmChartLayer = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

    public async Task<(string Version, byte[] Package)> FetchAsync(
        HelmRepositoryRef repository, RegistryCredentials? credentials, string chart, string range, CancellationToken cancellationToken)
    {
        return repository.IsOci
            ? await FetchOciAsync(repository, credentials, chart, range, cancellationToken).ConfigureAwait(false)
            : await FetchHttpAsync(repository, credentials, chart, range, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(string, byte[])> FetchHttpAsync(HelmRepositoryRef repository, RegistryCredentials? credentials, string chart, string range, CancellationToken cancellationToken)
    {
        var location = UrlRedactor.Redact(repository.Url);
        var baseUrl = new Uri(repository.Url.TrimEnd('/') + "/");
        using var http = SourceHttpClient.Create(null, repository.Timeout);
        byte[] index;
        if (repository.Artifact is { } artifact)
        {
            index = await GetAsync(artifacts, new Uri(artifact.Url), null, location, cancellationToken).ConfigureAwait(false);
            var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(index));
            if (artifact.Digest.Length > 0 && digest != artifact.Digest)
            {
                throw new ReconcileStepException(ChartReasons.ChartPullError, $"{location}: the stored index digest {digest} does not match {artifact.Digest}");
            }
        }
        else
        {
            index = await GetAsync(http, new Uri(baseUrl, "index.yaml"), credentials, location, cancellationToken).ConfigureAwait(false);
        }

        var entry = HelmIndex.Parse(Encoding.UTF8.GetString(index), location).Resolve(chart, range, location);
        if (entry.Urls.Count == 0)
        {
            throw new ReconcileStepException(ChartReasons.ChartPullError, $"{location}: chart '{chart}' version '{entry.Version}' has no downloadable URLs");
        }

        var chartUrl = new Uri(baseUrl, entry.Urls[0]);
        var send = credentials is not null && HelmCredentialsPolicy.SendCredentials(baseUrl, chartUrl, repository.PassCredentials) ? credentials : null;
        var package = await GetAsync(http, chartUrl, send, location, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(entry.Digest))
        {
            var actual = Convert.ToHexStringLower(SHA256.HashData(package));
            if (!string.Equals(actual, entry.Digest, StringComparison.OrdinalIgnoreCase))
            {
                throw new ReconcileStepException(ChartReasons.ChartPullError,
                    $"{location}: chart '{chart}' version '{entry.Version}': the downloaded package's digest sha256:{actual} does not match the index's {entry.Digest}");
            }
        }

        return (entry.Version, package);
    }

    private static async Task<(string, byte[])> FetchOciAsync(HelmRepositoryRef repository, RegistryCredentials? credentials, string chart, string range, CancellationToken cancellationToken)
    {
        try
        {
            var reference = OciReference.Parse(repository.Url.TrimEnd('/') + "/" + chart, allowTagOrDigest: false);
            using var client = new OciClient(reference.Registry, new OciClientOptions { Credentials = credentials, Insecure = repository.Insecure, Timeout = repository.Timeout });
            var constraint = SemverConstraint.Parse(range);
            // Helm pushes version "1.0.0+build" as tag "1.0.0_build" (OCI tags cannot hold '+').
            var tags = await client.ListTagsAsync(reference.Repository, cancellationToken).ConfigureAwait(false);
            var best = SemverTags.Highest(tags.Select(t => t.Replace('_', '+')), constraint)
                ?? throw new ReconcileStepException(ChartReasons.ChartPullError, $"{reference}: no tag matching version '{range}' (tags: {string.Join(", ", tags.Take(10))})");
            var manifest = await client.GetManifestAsync(reference.Repository, best.Replace('+', '_'), cancellationToken).ConfigureAwait(false);
            var layer = manifest.Layers.FirstOrDefault(l => l.MediaType == HelmChartLayer)
                ?? throw new ReconcileStepException(ChartReasons.ChartPullError, $"{reference}:{best}: the artifact has no {HelmChartLayer} layer; is it a Helm chart?");
            using var buffer = new MemoryStream();
            await client.DownloadBlobAsync(reference.Repository, layer.Digest, buffer, cancellationToken).ConfigureAwait(false);
            return (best, buffer.ToArray());
        }
        catch (SourceException ex)
        {
            throw new ReconcileStepException(ex.Reason == "AuthenticationFailed" ? "AuthenticationFailed" : ChartReasons.ChartPullError, ex.Message, ex);
        }
        catch (FormatException ex)
        {
            throw new ReconcileStepException(Api.Meta.Reasons.InvalidSpec, $"invalid chart version '{range}': {ex.Message}", ex);
        }
    }

    private static async Task<byte[]> GetAsync(HttpClient http, Uri url, RegistryCredentials? credentials, string location, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, url);
        if (credentials is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.Username + ":" + credentials.Password)));
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ReconcileStepException(ChartReasons.ChartPullError, $"{location}: fetching {UrlRedactor.Redact(url.ToString())}: {UrlRedactor.RedactText(ex.Message)}", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var hint = (int)response.StatusCode is 401 or 403 ? "; check the HelmRepository's spec.secretRef" : string.Empty;
                throw new ReconcileStepException(ChartReasons.ChartPullError,
                    $"{location}: fetching {UrlRedactor.Redact(url.ToString())}: the server answered {(int)response.StatusCode}{hint}");
            }

            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
