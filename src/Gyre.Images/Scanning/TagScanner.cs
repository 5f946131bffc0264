using Gyre.Sources;
using Gyre.Sources.Oci;

namespace Gyre.Images.Scanning;

/// <summary>
/// Lists an image repository's tags through the OCI distribution client (every page, with the registry's auth flow)
/// and drops the excluded ones. Registry failures become <see cref="ImageException"/>s with Flux's reasons:
/// AuthenticationFailed for refused credentials, ReadOperationFailed for everything else, messages without secrets.
/// </summary>
public static class TagScanner
{
    public static async Task<ScanResult> ScanAsync(ImageName image, ExclusionList exclusions, OciClientOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(exclusions);
        using var client = new OciClient(image.Registry, options);
        IReadOnlyList<string> tags;
        try
        {
            tags = await client.ListTagsAsync(image.Repository, cancellationToken).ConfigureAwait(false);
        }
        catch (SourceException ex)
        {
            throw Failure(image, "scan failed", ex);
        }

        return ScanResult.Of(exclusions.Filter(tags));
    }

    /// <summary>The digest <paramref name="tag"/> points at now (one manifest HEAD), for ImagePolicy's digestReflectionPolicy.</summary>
    public static async Task<string> ResolveDigestAsync(ImageName image, string tag, OciClientOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var client = new OciClient(image.Registry, options);
        try
        {
            return await client.ResolveAsync(image.Repository, tag, cancellationToken).ConfigureAwait(false);
        }
        catch (SourceException ex)
        {
            throw Failure(image, $"fetching the digest of tag '{tag}' failed", ex);
        }
    }

    private static ImageException Failure(ImageName image, string what, SourceException ex)
    {
        var reason = ex.Reason == SourceReasons.AuthenticationFailed ? ImageReasons.AuthenticationFailed : ImageReasons.ReadOperationFailed;
        // The source message reads "oci://registry/repository: <step>: <why>"; keep the step and why, named by the image.
        var why = ex.Message.StartsWith(ex.Location + ": ", StringComparison.Ordinal) ? ex.Message[(ex.Location.Length + 2)..] : ex.Message;
        return new ImageException(image.Canonical, what, why, reason, inner: ex);
    }
}
