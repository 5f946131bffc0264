using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gyre.Notifications.Tests.Support;

/// <summary>
/// A real HTTP endpoint on 127.0.0.1 (ephemeral port) standing in for a provider's service: records every request
/// and answers with scripted status codes (then 200).
/// </summary>
public sealed class CaptureServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<CapturedRequest> _requests = Channel.CreateUnbounded<CapturedRequest>();
    private readonly Queue<int> _statuses = new();
    private readonly Lock _lock = new();

    private CaptureServer(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    /// <summary>"http://127.0.0.1:port" without a trailing slash.</summary>
    public string Origin => Address.GetLeftPart(UriPartial.Authority);

    public int Count { get; private set; }

    /// <summary>How long each answer waits (a slow endpoint); the wait ends when the client gives up.</summary>
    public TimeSpan Delay { get; set; }

    /// <param name="certificate">Serve HTTPS with this certificate.</param>
    /// <param name="clientCaSubject">Require a client certificate issued by this subject (mutual TLS).</param>
    public static async Task<CaptureServer> StartAsync(X509Certificate2? certificate = null, string? clientCaSubject = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate,
                    ClientCertificateMode = clientCaSubject is null ? ClientCertificateMode.NoCertificate : ClientCertificateMode.RequireCertificate,
                    ClientCertificateValidation = (cert, _, _) => cert.Issuer == clientCaSubject,
                });
            }
        }));
        var app = builder.Build();
        var server = new CaptureServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    /// <summary>The next requests are answered with these status codes, in order.</summary>
    public void RespondWith(params int[] statuses)
    {
        lock (_lock)
        {
            foreach (var status in statuses)
            {
                _statuses.Enqueue(status);
            }
        }
    }

    /// <summary>The next request, failing after a deadline.</summary>
    public async Task<CapturedRequest> NextAsync(int seconds = 10)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            return await _requests.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no request reached {Address} within {seconds}s");
        }
    }

    /// <summary>True when no further request arrives within the given time (for "nothing was sent").</summary>
    public bool HasPending => _requests.Reader.Count > 0;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        int status;
        lock (_lock)
        {
            status = _statuses.Count > 0 ? _statuses.Dequeue() : 200;
            Count++;
        }

        var request = new CapturedRequest(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body, status);
        _requests.Writer.TryWrite(request);
        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = status;
        await context.Response.WriteAsync("{}");
    }
}

public sealed record CapturedRequest(string Method, string Path, string Query, Dictionary<string, string> Headers, string Body, int AnsweredWith)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
