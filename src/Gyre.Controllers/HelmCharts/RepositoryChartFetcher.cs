using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Gyre.Controllers.Kustomizations;
using Gyre.Sources;
using Gyre.Sources.Helm;
using Gyre.Sources.Http;
using Gyre.Sources.Oci;

namespace Gyre.Controllers.HelmCharts;

/// <summary>
/// Pulls a chart version from a HelmRepository as source-controller does, in two steps so an unchanged chart is never
/// downloaded again: <see cref="ResolveAsync"/> picks the highest version in the semver range (from the index in the
/// repository's stored artifact, or the repository itself before it has one; from the tags of an OCI repository),
/// <see cref="DownloadAsync"/> fetches the .tgz over the repository's TLS settings (credentials only to the index's
/// host unless passCredentials) and checks its sha256 against the index's digest.
/// </summary>
internal sealed class RepositoryChartFetcher(HttpClient artifacts)
{
    public async Task<ResolvedChart> ResolveAsync(HelmRepositoryRef repository, string chart, string range, CancellationToken cancellationToken)
    {
        if (repository.IsOci)
        {
            return await OciChartFetcher.ResolveAsync(repository, chart, range, cancellationToken).ConfigureAwait(false);
        }

        var location = UrlRedactor.Redact(repository.Url);
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
            using var http = Client(repository.Access);
            index = await GetAsync(http, new Uri(BaseUrl(repository), "index.yaml"), repository.Access.Credentials, location, cancellationToken).ConfigureAwait(false);
        }

        var entry = HelmIndex.Parse(Encoding.UTF8.GetString(index), location).Resolve(chart, range, location);
        if (entry.Urls.Count == 0)
        {
            throw new ReconcileStepException(ChartReasons.ChartPullError, $"{location}: chart '{chart}' version '{entry.Version}' has no downloadable URLs");
        }

        return new ResolvedChart(chart, entry.Version, new Uri(BaseUrl(repository), entry.Urls[0]), entry.Digest, null);
    }

    public static async Task<byte[]> DownloadAsync(HelmRepositoryRef repository, ResolvedChart resolved, CancellationToken cancellationToken)
    {
        if (repository.IsOci)
        {
            return await OciChartFetcher.DownloadAsync(repository, resolved, cancellationToken).ConfigureAwait(false);
        }

        var access = repository.Access;
        var location = UrlRedactor.Redact(repository.Url);
        var chartUrl = resolved.Url!;
        var send = access.Credentials is not null && HelmCredentialsPolicy.SendCredentials(BaseUrl(repository), chartUrl, access.PassCredentials) ? access.Credentials : null;
        using var http = Client(access);
        var package = await GetAsync(http, chartUrl, send, location, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(resolved.Digest))
        {
            var actual = Convert.ToHexStringLower(SHA256.HashData(package));
            if (!string.Equals(actual, resolved.Digest, StringComparison.OrdinalIgnoreCase))
            {
                throw new ReconcileStepException(ChartReasons.ChartPullError,
                    $"{location}: chart '{resolved.Name}' version '{resolved.Version}': the downloaded package's digest sha256:{actual} does not match the index's {resolved.Digest}; the repository's index.yaml is stale or the package was tampered with");
            }
        }

        return package;
    }

    private static Uri BaseUrl(HelmRepositoryRef repository) => new(repository.Url.TrimEnd('/') + "/");

    private static HttpClient Client(HelmRepositoryRequest access) =>
        SourceHttpClient.Create(access.CaCertificate, access.ClientCertificate, access.ClientKey, access.Timeout);

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
            var hint = ex.InnerException is System.Security.Authentication.AuthenticationException ? "; check the HelmRepository's spec.certSecretRef ca.crt" : string.Empty;
            throw new ReconcileStepException(ChartReasons.ChartPullError, $"{location}: fetching {UrlRedactor.Redact(url.ToString())}: {UrlRedactor.RedactText(ex.Message)}{hint}", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var hint = (int)response.StatusCode is 401 or 403 ? "; check the HelmRepository's spec.secretRef (and spec.passCredentials for charts on another host)" : string.Empty;
                throw new ReconcileStepException(ChartReasons.ChartPullError,
                    $"{location}: fetching {UrlRedactor.Redact(url.ToString())}: the server answered {(int)response.StatusCode}{hint}");
            }

            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
