using System.Text.Json.Nodes;
using Gyre.Controllers.Kustomizations;
using Gyre.Sources;
using Gyre.Sources.Oci;
using Gyre.Sources.Semver;

namespace Gyre.Controllers.HelmCharts;

/// <summary>
/// Charts in an OCI registry as Helm stores them (`helm push`): repository <c>&lt;url&gt;/&lt;chart&gt;</c>, one tag per
/// version (<c>+</c> written as <c>_</c>), a manifest whose config is <see cref="HelmMediaTypes.Config"/> and whose
/// chart layer is <see cref="HelmMediaTypes.ChartContent"/>. A semver range resolves to the highest matching tag.
/// </summary>
internal static class OciChartFetcher
{
    public static async Task<ResolvedChart> ResolveAsync(HelmRepositoryRef repository, string chart, string range, CancellationToken cancellationToken)
    {
        SemverConstraint constraint;
        try
        {
            constraint = SemverConstraint.Parse(range);
        }
        catch (FormatException ex)
        {
            throw new ReconcileStepException(Api.Meta.Reasons.InvalidSpec, $"invalid chart version '{range}': {ex.Message}", ex);
        }

        var reference = Reference(repository, chart);
        var tags = await RunAsync(repository, reference, (client, ct) => client.ListTagsAsync(reference.Repository, ct), cancellationToken).ConfigureAwait(false);
        var best = SemverTags.Highest(tags.Select(t => t.Replace('_', '+')), constraint)
            ?? throw new ReconcileStepException(ChartReasons.ChartPullError,
                $"{reference}: no tag matching version '{range}' (tags: {(tags.Count == 0 ? "none" : string.Join(", ", tags.Take(10)))})");
        return new ResolvedChart(chart, best, null, null, best.Replace('+', '_'));
    }

    public static Task<byte[]> DownloadAsync(HelmRepositoryRef repository, ResolvedChart resolved, CancellationToken cancellationToken)
    {
        var reference = Reference(repository, resolved.Name);
        var where = $"{reference}:{resolved.Tag}";
        return RunAsync(repository, reference, async (client, ct) =>
        {
            var manifest = await client.GetManifestAsync(reference.Repository, resolved.Tag!, ct).ConfigureAwait(false);
            var config = (string?)JsonNode.Parse(manifest.Content)?["config"]?["mediaType"];
            if (config != HelmMediaTypes.Config)
            {
                throw new ReconcileStepException(ChartReasons.ChartPullError,
                    $"{where}: the artifact's config media type is '{config}', not {HelmMediaTypes.Config}; is it a Helm chart pushed with helm push?");
            }

            var layer = manifest.Layers.FirstOrDefault(l => l.MediaType is HelmMediaTypes.ChartContent or HelmMediaTypes.LegacyChartContent)
                ?? throw new ReconcileStepException(ChartReasons.ChartPullError, $"{where}: the artifact has no {HelmMediaTypes.ChartContent} layer");
            using var buffer = new MemoryStream();
            await client.DownloadBlobAsync(reference.Repository, layer.Digest, buffer, ct).ConfigureAwait(false);
            return buffer.ToArray();
        }, cancellationToken);
    }

    private static OciReference Reference(HelmRepositoryRef repository, string chart)
    {
        try
        {
            return OciReference.Parse(repository.Url.TrimEnd('/') + "/" + chart, allowTagOrDigest: false);
        }
        catch (SourceException ex)
        {
            throw new ReconcileStepException(ChartReasons.InvalidChartReference, ex.Message, ex);
        }
    }

    private static async Task<T> RunAsync<T>(HelmRepositoryRef repository, OciReference reference, Func<OciClient, CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        var access = repository.Access;
        try
        {
            using var client = new OciClient(reference.Registry, new OciClientOptions
            {
                Credentials = access.Credentials,
                CaCertificate = access.CaCertificate,
                ClientCertificate = access.ClientCertificate,
                ClientKey = access.ClientKey,
                Insecure = access.Insecure,
                Timeout = access.Timeout,
            });
            return await action(client, cancellationToken).ConfigureAwait(false);
        }
        catch (SourceException ex)
        {
            throw new ReconcileStepException(ex.Reason == SourceReasons.AuthenticationFailed ? SourceReasons.AuthenticationFailed : ChartReasons.ChartPullError, ex.Message, ex);
        }
    }
}
