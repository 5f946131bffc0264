using System.Diagnostics;
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
/// Git's smart HTTP protocol served by the real `git http-backend` behind a tiny Kestrel CGI bridge on 127.0.0.1,
/// with optional basic or bearer authentication. Bare repositories live under <see cref="Root"/>.
/// </summary>
public sealed class GitHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory _root;
    private int _requests;

    private GitHttpServer(WebApplication app, TempDirectory root, string baseUrl)
    {
        _app = app;
        _root = root;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public string Root => _root.Path;

    public int Requests => Volatile.Read(ref _requests);

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string? BearerToken { get; set; }

    /// <summary>When set, every request waits this long first (to exercise timeouts).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The CA (PEM) that signed the server certificate when started with TLS.</summary>
    public string? CaPem { get; private init; }

    public static async Task<GitHttpServer> StartAsync(TestCertificates? tls = null, bool requireClientCertificate = false)
    {
        var root = new TempDirectory();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (tls is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.ConfigureKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0, l => l.UseHttps(https =>
            {
                https.ServerCertificate = tls.Server;
                if (requireClientCertificate)
                {
                    // mTLS: only client certificates issued by the test CA get in.
                    https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.RequireCertificate;
                    https.ClientCertificateValidation = (certificate, _, _) => certificate.Issuer == "CN=Gyre Test CA";
                }
            })));
        }

        var app = builder.Build();
        GitHttpServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        server = new GitHttpServer(app, root, tls is null ? address : $"https://localhost:{port}") { CaPem = tls?.CaPem };
        return server;
    }

    /// <summary>Creates an empty bare repository and returns its URL.</summary>
    public string CreateRepository(string name)
    {
        Shell.Run(Root, "git", "init", "-q", "--bare", "--initial-branch=main", name + ".git");
        return $"{BaseUrl}/{name}.git";
    }

    public string PathOf(string name) => Path.Combine(Root, name + ".git");

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted).ContinueWith(_ => { });
        }

        if (!Authorized(context.Request))
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"git\"";
            return;
        }

        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("http-backend");
        var env = start.Environment;
        env["GIT_PROJECT_ROOT"] = Root;
        env["GIT_HTTP_EXPORT_ALL"] = "1";
        env["GIT_CONFIG_GLOBAL"] = "/dev/null";
        env["REQUEST_METHOD"] = context.Request.Method;
        env["PATH_INFO"] = context.Request.Path.Value ?? "/";
        env["QUERY_STRING"] = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "";
        env["CONTENT_TYPE"] = context.Request.ContentType ?? "";
        env["REMOTE_ADDR"] = "127.0.0.1";
        env["GIT_PROTOCOL"] = context.Request.Headers["Git-Protocol"].ToString();
        env["HTTP_CONTENT_ENCODING"] = context.Request.Headers.ContentEncoding.ToString();
        if (context.Request.ContentLength is { } length)
        {
            env["CONTENT_LENGTH"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await context.Request.Body.CopyToAsync(process.StandardInput.BaseStream);
        process.StandardInput.Close();
        var output = process.StandardOutput.BaseStream;
        await WriteCgiResponseAsync(output, context.Response);
        await process.WaitForExitAsync();
        await stderr;
    }

    private bool Authorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (BearerToken is not null)
        {
            return header == "Bearer " + BearerToken;
        }

        if (Username is not null)
        {
            return header == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Username + ":" + Password));
        }

        return true;
    }

    private static async Task WriteCgiResponseAsync(Stream cgi, HttpResponse response)
    {
        // CGI headers end at an empty line; everything after is the body.
        var header = new List<byte>();
        while (true)
        {
            var b = cgi.ReadByte();
            if (b < 0)
            {
                break;
            }

            header.Add((byte)b);
            var n = header.Count;
            if (n >= 2 && header[n - 1] == '\n' && (header[n - 2] == '\n' || (n >= 4 && header[n - 2] == '\r' && header[n - 3] == '\n')))
            {
                break;
            }
        }

        foreach (var line in Encoding.ASCII.GetString(header.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                response.StatusCode = int.Parse(value[..3], System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                response.Headers[name] = value;
            }
        }

        await cgi.CopyToAsync(response.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _root.Dispose();
    }
}
