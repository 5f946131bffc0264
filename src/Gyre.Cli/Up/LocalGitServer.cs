using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gyre.Cli.Up;

/// <summary>
/// Serves one repository read-only over Git's smart HTTP protocol on 127.0.0.1 (git http-backend behind Kestrel), so
/// the GitRepository `gyre up` creates fetches from it exactly as from a remote. Pushes are refused.
/// </summary>
internal sealed class LocalGitServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _projectRoot;
    private readonly string _name;

    private LocalGitServer(WebApplication app, string projectRoot, string name, string baseUrl)
    {
        _app = app;
        _projectRoot = projectRoot;
        _name = name;
        Url = $"{baseUrl}/{name}";
    }

    /// <summary>The clone URL.</summary>
    public string Url { get; }

    public static async Task<LocalGitServer> StartAsync(string repository, CancellationToken cancellationToken)
    {
        // No appsettings reload watch: it would put an inotify watch on every directory under the working directory.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        LocalGitServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var full = Path.GetFullPath(repository);
        server = new LocalGitServer(app, Path.GetDirectoryName(full)!, Path.GetFileName(full), address);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var service = context.Request.Query["service"].ToString();
        var isRefs = path == $"/{_name}/info/refs" && service == "git-upload-pack";
        var isUpload = path == $"/{_name}/git-upload-pack" && HttpMethods.IsPost(context.Request.Method);
        if (!isRefs && !isUpload)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("gyre serves this repository read-only\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        using var process = Process.Start(CgiStart(context, path)) ?? throw new UpException("cannot run git http-backend");
        var stderr = process.StandardError.ReadToEndAsync(context.RequestAborted);
        await context.Request.Body.CopyToAsync(process.StandardInput.BaseStream, context.RequestAborted).ConfigureAwait(false);
        process.StandardInput.Close();
        await CopyCgiResponseAsync(process.StandardOutput.BaseStream, context.Response, context.RequestAborted).ConfigureAwait(false);
        await process.WaitForExitAsync(context.RequestAborted).ConfigureAwait(false);
        await stderr.ConfigureAwait(false);
    }

    private ProcessStartInfo CgiStart(HttpContext context, string path)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("http-backend");
        var env = start.Environment;
        env["GIT_PROJECT_ROOT"] = _projectRoot;
        env["GIT_HTTP_EXPORT_ALL"] = "1";
        env["REQUEST_METHOD"] = context.Request.Method;
        env["PATH_INFO"] = path;
        env["QUERY_STRING"] = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : string.Empty;
        env["CONTENT_TYPE"] = context.Request.ContentType ?? string.Empty;
        env["REMOTE_ADDR"] = "127.0.0.1";
        env["GIT_PROTOCOL"] = context.Request.Headers["Git-Protocol"].ToString();
        env["HTTP_CONTENT_ENCODING"] = context.Request.Headers.ContentEncoding.ToString();
        if (context.Request.ContentLength is { } length)
        {
            env["CONTENT_LENGTH"] = length.ToString(CultureInfo.InvariantCulture);
        }

        return start;
    }

    // CGI: header lines up to an empty line, then the body.
    private static async Task CopyCgiResponseAsync(Stream cgi, HttpResponse response, CancellationToken cancellationToken)
    {
        var header = new List<byte>();
        var one = new byte[1];
        while (await cgi.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 1)
        {
            header.Add(one[0]);
            var n = header.Count;
            if (n >= 2 && header[n - 1] == '\n' && (header[n - 2] == '\n' || (n >= 3 && header[n - 2] == '\r' && header[n - 3] == '\n')))
            {
                break;
            }
        }

        foreach (var line in Encoding.ASCII.GetString([.. header]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var (name, value) = (line[..colon], line[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                response.StatusCode = int.Parse(value[..3], CultureInfo.InvariantCulture);
            }
            else
            {
                response.Headers[name] = value;
            }
        }

        await cgi.CopyToAsync(response.Body, cancellationToken).ConfigureAwait(false);
    }
}
