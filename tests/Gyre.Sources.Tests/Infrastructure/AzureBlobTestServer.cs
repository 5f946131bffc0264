using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using Gyre.Sources.Buckets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gyre.Sources.Tests.Infrastructure;

/// <summary>
/// A small Azure Blob service on 127.0.0.1 in the emulator's path style (<c>/&lt;account&gt;/&lt;container&gt;/&lt;blob&gt;</c>):
/// Get Container Properties, List Blobs (prefix, markers) and Get Blob, each checked for a Shared Key signature
/// (recomputed from the request as received) or the expected SAS signature.
/// </summary>
public sealed class AzureBlobTestServer : IAsyncDisposable
{
    public const string Account = "gyreaccount";

    private readonly WebApplication _app;

    private AzureBlobTestServer(WebApplication app, string endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>http://127.0.0.1:port/gyreaccount, as spec.endpoint takes it (with insecure: true).</summary>
    public string Endpoint { get; }

    public byte[] AccountKey { get; } = Enumerable.Range(1, 64).Select(i => (byte)i).ToArray();

    /// <summary>The <c>sig</c> a SAS token must carry to be accepted.</summary>
    public string SasSignature { get; } = "c2FzLXNpZ25hdHVyZQ==";

    public ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>> Containers { get; } = new(StringComparer.Ordinal);

    public int PageSize { get; set; } = 5000;

    public static async Task<AzureBlobTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        AzureBlobTestServer? self = null;
        app.Run(context => self!.ServeAsync(context));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        self = new AzureBlobTestServer(app, $"http://127.0.0.1:{address.Port}/{Account}");
        return self;
    }

    public void Put(string container, string blob, string content) =>
        Containers.GetOrAdd(container, _ => new(StringComparer.Ordinal))[blob] = Encoding.UTF8.GetBytes(content);

    private async Task ServeAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var question = raw.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? raw : raw[..question];
        var query = question < 0 ? [] : raw[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Select(p => KeyValuePair.Create(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p.Length > 1 ? p[1] : "")))
            .ToList();
        if (!Authorized(context, path, query))
        {
            await ErrorAsync(context, 403, "AuthenticationFailed", "Server failed to authenticate the request.");
            return;
        }

        var parts = Uri.UnescapeDataString(path.TrimStart('/')).Split('/', 3);
        if (parts.Length < 2 || parts[0] != Account || !Containers.TryGetValue(parts[1], out var blobs))
        {
            await ErrorAsync(context, 404, "ContainerNotFound", "The specified container does not exist.");
            return;
        }

        string? Get(string name) => query.FirstOrDefault(p => p.Key == name).Value;
        if (parts.Length == 2)
        {
            if (Get("comp") == "list")
            {
                await ListAsync(context, blobs, Get("prefix") ?? "", Get("marker"));
            }

            return; // container properties: 200
        }

        if (!blobs.TryGetValue(parts[2], out var content))
        {
            await ErrorAsync(context, 404, "BlobNotFound", "The specified blob does not exist.");
            return;
        }

        await context.Response.Body.WriteAsync(content);
    }

    private async Task ListAsync(HttpContext context, ConcurrentDictionary<string, byte[]> blobs, string prefix, string? marker)
    {
        var names = blobs.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var start = marker is null ? 0 : int.Parse(marker, CultureInfo.InvariantCulture);
        var page = names.Skip(start).Take(PageSize).ToList();
        var next = start + page.Count < names.Count ? (start + page.Count).ToString(CultureInfo.InvariantCulture) : "";
        var doc = new XElement("EnumerationResults",
            new XElement("Prefix", prefix),
            new XElement("Blobs", page.Select(n => new XElement("Blob",
                new XElement("Name", n),
                new XElement("Properties", new XElement("Etag", "0x" + S3TestServer.ETag(blobs[n])[..16].ToUpperInvariant()))))),
            new XElement("NextMarker", next));
        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync(doc.ToString(SaveOptions.DisableFormatting));
    }

    private bool Authorized(HttpContext context, string path, List<KeyValuePair<string, string>> query)
    {
        if (query.Any(p => p.Key == "sig"))
        {
            return query.First(p => p.Key == "sig").Value == SasSignature;
        }

        var headers = context.Request.Headers.Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())).ToList();
        var expected = AzureSharedKeySigner.Authorization(Account, AccountKey, context.Request.Method, path, query, headers);
        return context.Request.Headers.Authorization == expected;
    }

    private static async Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync(new XElement("Error", new XElement("Code", code), new XElement("Message", message)).ToString(SaveOptions.DisableFormatting));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
