using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Gyre.Kube.Auth;
using Gyre.Kube.Config;
using Gyre.Kube.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gyre.Kube;

/// <summary>
/// The HTTP core of the client: one pooled SocketsHttpHandler per connection (HTTP/2 where the server offers it),
/// credentials, impersonation, the QPS/burst limiter, per-attempt timeouts and retries. Failures become
/// <see cref="KubeApiException"/> (the server's Status) or <see cref="KubeTransportException"/>.
/// </summary>
public sealed class KubeApiClient : IDisposable
{
    private readonly KubeClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly KubeCredentials _credentials;
    private readonly KubeHttpTransport _transport;
    private readonly ClientRateLimiter _limiter;

    /// <summary>Creates a client for one connection.</summary>
    public KubeApiClient(KubeConnection connection, KubeClientOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        _options = options ?? new KubeClientOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _credentials = new KubeCredentials(connection, _timeProvider);
        _transport = new KubeHttpTransport(certificate => KubeHttpHandlerFactory.Create(connection, certificate));
        _limiter = new ClientRateLimiter(_options.Qps, _options.Burst, _timeProvider);
    }

    /// <summary>The server and user this client talks to.</summary>
    public KubeConnection Connection { get; }

    /// <summary>The clock used for backoff, limiter and credential expiry.</summary>
    public TimeProvider TimeProvider => _timeProvider;

    internal ILogger Logger => _logger;

    /// <summary>Sends a request and parses the JSON answer straight from the response stream, within the request timeout.</summary>
    internal async Task<JsonObject> SendJsonAsync(KubeRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request with { Streaming = true }, cancellationToken).ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonNode.ParseAsync(stream, cancellationToken: linked.Token).ConfigureAwait(false) as JsonObject
                    ?? throw new KubeTransportException(request.Target, Connection.RedactedServer, "the response is not a JSON object", isTransient: false);
            }
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KubeTransportException(request.Target, Connection.RedactedServer,
                $"the response was not read within {_options.RequestTimeout.TotalSeconds:0.#} s (the per-request timeout)", isTransient: true, e);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new KubeTransportException(request.Target, Connection.RedactedServer, $"the response broke off: {e.Message}", isTransient: true, e);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new KubeTransportException(request.Target, Connection.RedactedServer, $"the response is not valid JSON: {e.Message}", isTransient: false, e);
        }
    }

    /// <summary>
    /// Sends a request with limiter, credentials and retries; returns a successful response whose body the caller
    /// reads (headers only have been awaited) or throws.
    /// </summary>
    internal async Task<HttpResponseMessage> SendAsync(KubeRequest request, CancellationToken cancellationToken)
    {
        var refreshedCredentials = false;
        for (var retry = 0; ; retry++)
        {
            await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            using var message = await BuildAsync(request, cancellationToken).ConfigureAwait(false);
            var used = message.Options.TryGetValue(CredentialKey, out var u) ? u : null;
            HttpResponseMessage response;
            try
            {
                response = await SendOnceAsync(message, request, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeTransportException e) when (request.IsIdempotent && retry < _options.Retry.MaxRetries)
            {
                var delay = _options.Retry.DelayFor(retry, null, Random.Shared.NextDouble());
                Log.RetryingAfterTransportError(_logger, request.Target.Verb, request.Target.Resource, (long)delay.TotalMilliseconds, retry + 1, e.Message);
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var status = (int)response.StatusCode;
            if (status == 401 && _credentials.CanRefresh && !refreshedCredentials)
            {
                // client-go refreshes exec and file credentials once on 401 before giving up.
                response.Dispose();
                refreshedCredentials = true;
                _credentials.Invalidate(used);
                Log.RefreshingCredentials(_logger, Connection.RedactedServer);
                retry--;
                continue;
            }

            var retryAfter = RetryAfter(response);
            if (RetryPolicy.ShouldRetry(status, request.IsIdempotent, retryAfter is not null) && retry < _options.Retry.MaxRetries)
            {
                response.Dispose();
                var delay = _options.Retry.DelayFor(retry, retryAfter, Random.Shared.NextDouble());
                Log.RetryingAfterStatus(_logger, request.Target.Verb, request.Target.Resource, status, (long)delay.TotalMilliseconds, retry + 1);
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            throw await FailureAsync(request, response, retryAfter, cancellationToken).ConfigureAwait(false);
        }
    }

    private static readonly HttpRequestOptionsKey<object?> CredentialKey = new("gyre.credential");

    private async Task<HttpRequestMessage> BuildAsync(KubeRequest request, CancellationToken cancellationToken)
    {
        var message = new HttpRequestMessage(request.Method, new Uri(Connection.Server, Connection.Server.AbsolutePath.TrimEnd('/') + request.Path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };

        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Headers.UserAgent.ParseAdd(_options.UserAgent);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType);
        }

        var used = await _credentials.ApplyAsync(message, cancellationToken).ConfigureAwait(false);
        message.Options.Set(CredentialKey, used);
        return message;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage message, KubeRequest request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var generation = _transport.Acquire(_credentials.ExecCertificate);
        var released = false;
        try
        {
            var response = await generation.Invoker.SendAsync(message, linked.Token).ConfigureAwait(false);
            if (!request.Streaming && response.IsSuccessStatusCode)
            {
                // Buffer non-streaming bodies inside the timeout, so a stalled server cannot hang the caller.
                await response.Content.LoadIntoBufferAsync(linked.Token).ConfigureAwait(false);
            }
            else
            {
                // The body is read later: keep the connection pool alive until the response is disposed.
                response.Content = new LeasedContent(response.Content, generation);
                released = true;
            }

            return response;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KubeTransportException(request.Target, Connection.RedactedServer,
                $"no answer within {_options.RequestTimeout.TotalSeconds:0.#} s (the per-request timeout)", isTransient: true, e);
        }
        catch (HttpRequestException e)
        {
            throw new KubeTransportException(request.Target, Connection.RedactedServer, Describe(e), isTransient: true, e);
        }
        finally
        {
            if (!released)
            {
                generation.Release();
            }
        }
    }

    private static string Describe(HttpRequestException e)
    {
        if (e.InnerException is System.Security.Authentication.AuthenticationException)
        {
            return "the TLS handshake failed: the server certificate is not trusted or does not match the server name; "
                + "check certificate-authority(-data) and tls-server-name in the kubeconfig";
        }

        return e.HttpRequestError switch
        {
            HttpRequestError.ConnectionError => $"cannot connect: {e.InnerException?.Message ?? e.Message}; check that the server is running and reachable",
            HttpRequestError.NameResolutionError => $"cannot resolve the server name: {e.Message}",
            HttpRequestError.SecureConnectionError => $"the TLS connection failed: {e.InnerException?.Message ?? e.Message}",
            _ => e.InnerException?.Message ?? e.Message,
        };
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - _timeProvider.GetUtcNow() : null;
    }

    private static async Task<KubeApiException> FailureAsync(KubeRequest request, HttpResponseMessage response, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        using (response)
        {
            string? body;
            try
            {
                body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                body = null;
            }

            return new KubeApiException(request.Target, KubeStatus.FromResponse((int)response.StatusCode, body), retryAfter);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _transport.Dispose();
        _credentials.Dispose();
    }
}
