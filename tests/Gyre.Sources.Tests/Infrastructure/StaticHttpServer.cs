using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gyre.Sources.Tests.Infrastructure;

/// <summary>
/// A Kestrel server on 127.0.0.1 serving files from memory (a Helm repository), optionally over TLS with a
/// certificate from a throw-away CA and optionally behind basic auth.
/// </summary>
public sealed class StaticHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StaticHttpServer(WebApplication app, string baseUrl, string? caPem)
    {
        _app = app;
        BaseUrl = baseUrl;
        CaPem = caPem;
    }

    public string BaseUrl { get; }

    /// <summary>The CA that signed the TLS certificate (PEM), when TLS is on.</summary>
    public string? CaPem { get; }

    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    public string? Username { get; set; }

    public string? Password { get; set; }

    public int Requests { get; private set; }

    /// <summary>Paths answered with a 302 to the given absolute URL.</summary>
    public Dictionary<string, string> Redirects { get; } = new(StringComparer.Ordinal);

    /// <summary>Authorization headers seen, in order.</summary>
    public List<string> Authorizations { get; } = [];

    public static async Task<StaticHttpServer> StartAsync(bool tls = false, TestCertificates? certificates = null, bool requireClientCertificate = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        string? caPem = null;
        if (tls)
        {
            var certs = certificates ?? TestCertificates.Create();
            caPem = certs.CaPem;
            builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.UseHttps(https =>
            {
                https.ServerCertificate = certs.Server;
                if (requireClientCertificate)
                {
                    https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.RequireCertificate;
                    https.ClientCertificateValidation = (certificate, _, _) => certificate.Issuer == "CN=Gyre Test CA";
                }
            })));
        }
        else
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        var app = builder.Build();
        StaticHttpServer? self = null;
        app.Run(context => self!.ServeAsync(context));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        self = new StaticHttpServer(app, $"{address.Scheme}://{(tls ? "localhost" : "127.0.0.1")}:{address.Port}", caPem);
        return self;
    }

    private async Task ServeAsync(HttpContext context)
    {
        Requests++;
        Authorizations.Add(context.Request.Headers.Authorization.ToString());
        if (Redirects.TryGetValue(context.Request.Path.Value!.TrimStart('/'), out var redirect))
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = redirect;
            return;
        }

        if (Username is not null
            && context.Request.Headers.Authorization.ToString() != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Username + ":" + Password)))
        {
            context.Response.StatusCode = 401;
            return;
        }

        if (!Files.TryGetValue(context.Request.Path.Value!.TrimStart('/'), out var content))
        {
            context.Response.StatusCode = 404;
            return;
        }

        await context.Response.Body.WriteAsync(content);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
