using System.Security.Authentication;

namespace Gyre.Sources.Buckets;

/// <summary>Sends one object-storage request, turning transport failures and timeouts into <see cref="SourceException"/>s.</summary>
internal static class BucketHttp
{
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpRequestMessage request, string location, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new SourceException(location, what, ex.InnerException?.Message ?? ex.Message, SourceReasons.BucketOperationFailed, isTransient: true, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SourceException(location, what, $"no answer within {timeout.TotalSeconds:0}s (spec.timeout)", SourceReasons.BucketOperationFailed,
                isTransient: true, ex);
        }
        catch (AuthenticationException ex)
        {
            throw new SourceException(location, what, ex.Message, SourceReasons.BucketOperationFailed, isTransient: true, ex);
        }
    }

    /// <summary>Copies a successful response body into <paramref name="destination"/>.</summary>
    public static async Task CopyAsync(HttpResponseMessage response, Stream destination, string location, string what, CancellationToken cancellationToken)
    {
        try
        {
            await response.Content.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new SourceException(location, what, ex.Message, SourceReasons.BucketOperationFailed, isTransient: true, ex);
        }
    }
}
