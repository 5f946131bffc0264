using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Gyre.Sources.Oci;

/// <summary>The request loop: authenticate on a challenge, retry once, map failures to SourceExceptions.</summary>
public sealed partial class OciClient
{
    private async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> request, string repository, string what, CancellationToken cancellationToken, bool followRedirects = false)
    {
        var cacheKey = RegistryTokenCache.KeyOf(_registry, repository, _options.Credentials);
        _authorization ??= _options.TokenCache?.Get(cacheKey);
        var response = await SendRawAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized && RegistryChallenge.From(response) is { } challenge)
        {
            response.Dispose();
            (_authorization, var lifetime) = await AuthenticateAsync(challenge, repository, cancellationToken).ConfigureAwait(false);
            response = await SendRawAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode && _authorization is not null)
            {
                _options.TokenCache?.Put(cacheKey, _authorization, lifetime);
            }
        }

        if (followRedirects && (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } redirect)
        {
            // Blob storage redirects (S3, CDN) must not receive the registry's credentials.
            var target = redirect.IsAbsoluteUri ? redirect : new Uri(Base, redirect);
            response.Dispose();
            response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Get, target), HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        var status = (int)response.StatusCode;
        response.Dispose();
        throw status switch
        {
            401 or 403 => Failure(repository, what, $"the registry answered {status}; check the credentials in the docker-registry Secret",
                SourceReasons.AuthenticationFailed, false),
            404 => Failure(repository, what, "not found (404)", SourceReasons.OciPullFailed, true),
            _ => Failure(repository, what, $"the registry answered {status}", SourceReasons.OciPullFailed, true),
        };
    }

    private async Task<HttpResponseMessage> SendRawAsync(Func<HttpRequestMessage> factory, CancellationToken cancellationToken)
    {
        using var request = factory();
        request.Headers.Authorization = _authorization;
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw Failure("", "connecting", ex.Message, SourceReasons.OciPullFailed, true, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure("", "waiting for the registry", $"timed out after {_options.Timeout.TotalSeconds:0.###}s", SourceReasons.OciPullFailed, true, ex);
        }
    }

    /// <summary>The authorization a challenge asks for, and how long it may be reused (the token's expires_in, default 60s).</summary>
    private async Task<(AuthenticationHeaderValue? Header, TimeSpan Lifetime)> AuthenticateAsync(
        RegistryChallenge challenge, string repository, CancellationToken cancellationToken)
    {
        var defaultLifetime = TimeSpan.FromSeconds(60);
        var basic = _options.Credentials is { } c
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(c.Username + ":" + c.Password)))
            : null;
        if (challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return (basic, defaultLifetime);
        }

        if (!challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || !challenge.Parameters.TryGetValue("realm", out var realm))
        {
            return (null, TimeSpan.Zero);
        }

        // The challenge names where to send the credentials; never send them in clear text unless plain HTTP was asked for.
        if (!Uri.TryCreate(realm, UriKind.Absolute, out var realmUri) || (realmUri.Scheme != "https" && !(realmUri.Scheme == "http" && _options.Insecure)))
        {
            throw Failure(repository, "requesting a registry token", $"the token realm '{UrlRedactor.Redact(realm)}' is not an https URL",
                SourceReasons.AuthenticationFailed, false);
        }

        var query = new StringBuilder("?");
        if (challenge.Parameters.TryGetValue("service", out var service))
        {
            query.Append("service=").Append(Uri.EscapeDataString(service)).Append('&');
        }

        var scope = challenge.Parameters.GetValueOrDefault("scope") ?? $"repository:{repository}:pull";
        query.Append("scope=").Append(Uri.EscapeDataString(scope));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(realm + query));
        request.Headers.Authorization = basic;
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(repository, "requesting a registry token", $"the token service answered {(int)response.StatusCode}; check the credentials in the docker-registry Secret",
                SourceReasons.AuthenticationFailed, false);
        }

        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var token = json?["token"]?.GetValue<string>() ?? json?["access_token"]?.GetValue<string>();
        // Reuse stops 10 s before the token expires so a cached token is never presented stale.
        var expiresIn = json?["expires_in"] is JsonValue e && e.TryGetValue<int>(out var seconds) && seconds > 20 ? TimeSpan.FromSeconds(seconds - 10) : defaultLifetime;
        return token is null ? (null, TimeSpan.Zero) : (new AuthenticationHeaderValue("Bearer", token), expiresIn);
    }

    private SourceException Failure(string repository, string what, string why, string reason, bool transient, Exception? inner = null) =>
        new($"oci://{_registry}/{repository}".TrimEnd('/'), what, UrlRedactor.RedactText(why), reason, transient, inner);
}
