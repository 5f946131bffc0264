using Gyre.Notifications.Receivers;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.Receivers;

/// <summary>
/// Google's published signing keys for gcr receivers, fetched on first need and kept for an hour. When they cannot
/// be fetched (no network), gcr deliveries are refused with a message saying so rather than accepted unverified.
/// </summary>
internal sealed class GoogleKeySource
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile CachedKeys? _cached;

    public GoogleKeySource(HttpClient http, Uri url, TimeProvider time, ILogger logger)
    {
        _http = http;
        _url = url;
        _time = time;
        _logger = logger;
    }

    /// <summary>The keys, or null when they could not be fetched.</summary>
    public async Task<GoogleSigningKeys?> GetAsync(CancellationToken cancellationToken)
    {
        // Two deliveries racing on an empty cache both fetch; the keys are the same, so no lock is needed.
        try
        {
            if (_cached is { } cached && cached.Expires > _time.GetUtcNow())
            {
                return cached.Keys;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var json = await _http.GetStringAsync(_url, timeout.Token).ConfigureAwait(false);
            var keys = GoogleSigningKeys.FromJwks(json);
            _cached = new CachedKeys(keys, _time.GetUtcNow() + Lifetime);
            return keys;
        }
        catch (Exception ex) when (ex is HttpRequestException or ReceiverException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _logger.LogWarning("gcr receiver: fetching Google's signing keys from {Url} failed: {Reason}", _url, ex.Message);
            return null;
        }
    }

    private sealed record CachedKeys(GoogleSigningKeys Keys, DateTimeOffset Expires);
}
