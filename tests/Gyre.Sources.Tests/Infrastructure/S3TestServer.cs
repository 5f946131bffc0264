using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
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
/// A small S3 on 127.0.0.1 (path-style HeadBucket, ListObjectsV2 with prefix, continuation tokens and
/// encoding-type=url, GetObject) that checks every request's SigV4 Authorization header: the credential scope
/// (known access key, region, service s3) and the signature, recomputed from the request as received.
/// </summary>
public sealed class S3TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private S3TestServer(WebApplication app, string endpoint, string? caPem)
    {
        _app = app;
        Endpoint = endpoint;
        CaPem = caPem;
    }

    /// <summary>host:port, as spec.endpoint takes it.</summary>
    public string Endpoint { get; }

    public string? CaPem { get; }

    /// <summary>Bucket name → key → content.</summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>> Buckets { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, every request must be signed with these credentials for <see cref="Region"/>.</summary>
    public AwsCredentials? Credentials { get; set; }

    public string Region { get; set; } = "us-east-1";

    /// <summary>Objects per ListObjectsV2 page (small, to exercise continuation tokens).</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>How long every answer is held back (to exercise spec.timeout); zero by default.</summary>
    public TimeSpan ResponseDelay { get; set; }

    public int ObjectGets => _objectGets;

    /// <summary>GetObject requests for keys other than the root .sourceignore (real content downloads).</summary>
    public int ContentGets => _contentGets;

    public int Lists => _lists;

    private int _objectGets;
    private int _lists;
    private int _contentGets;

    public static async Task<S3TestServer> StartAsync(TestCertificates? tls = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, l =>
        {
            if (tls is not null)
            {
                l.UseHttps(tls.Server);
            }
        }));
        var app = builder.Build();
        S3TestServer? self = null;
        app.Run(context => self!.ServeAsync(context));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        self = new S3TestServer(app, $"{(tls is null ? "127.0.0.1" : "localhost")}:{address.Port}", tls?.CaPem);
        return self;
    }

    /// <summary>Puts an object (creating the bucket).</summary>
    public void Put(string bucket, string key, string content) =>
        Buckets.GetOrAdd(bucket, _ => new(StringComparer.Ordinal))[key] = Encoding.UTF8.GetBytes(content);

    /// <summary>S3's ETag of a single-part upload: the MD5 of the content (an identifier here, not a security control).</summary>
#pragma warning disable CA5351
    public static string ETag(byte[] content) => Convert.ToHexStringLower(MD5.HashData(content));
#pragma warning restore CA5351

    private async Task ServeAsync(HttpContext context)
    {
        if (ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(ResponseDelay, context.RequestAborted);
        }

        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var question = raw.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? raw : raw[..question];
        var query = question < 0 ? [] : raw[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p.Length > 1 ? p[1] : "")))
            .ToList();
        context.Response.Headers["x-amz-bucket-region"] = Region;
        if (Credentials is not null && Authenticate(context, path, query) is { } denied)
        {
            await ErrorAsync(context, denied.Status, denied.Code, denied.Message);
            return;
        }

        var parts = Uri.UnescapeDataString(path.TrimStart('/')).Split('/', 2);
        if (!Buckets.TryGetValue(parts[0], out var objects))
        {
            await ErrorAsync(context, 404, "NoSuchBucket", "The specified bucket does not exist");
            return;
        }

        if (parts.Length == 1 || parts[1].Length == 0)
        {
            if (context.Request.Method == "GET")
            {
                await ListAsync(context, objects, query);
            }

            return; // HEAD bucket: 200
        }

        Interlocked.Increment(ref _objectGets);
        if (parts[1] != ".sourceignore")
        {
            Interlocked.Increment(ref _contentGets);
        }

        if (!objects.TryGetValue(parts[1], out var content))
        {
            await ErrorAsync(context, 404, "NoSuchKey", "The specified key does not exist.");
            return;
        }

        context.Response.Headers.ETag = $"\"{ETag(content)}\"";
        await context.Response.Body.WriteAsync(content);
    }

    private async Task ListAsync(HttpContext context, ConcurrentDictionary<string, byte[]> objects, List<KeyValuePair<string, string>> query)
    {
        Interlocked.Increment(ref _lists);
        string? Get(string name) => query.FirstOrDefault(p => p.Key == name).Value;
        var prefix = Get("prefix") ?? "";
        var keys = objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var start = Get("continuation-token") is { } token ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)), CultureInfo.InvariantCulture) : 0;
        var page = keys.Skip(start).Take(PageSize).ToList();
        var truncated = start + page.Count < keys.Count;
        var url = Get("encoding-type") == "url";
        XNamespace ns = "http://s3.amazonaws.com/doc/2006-03-01/";
        var doc = new XElement(ns + "ListBucketResult",
            new XElement(ns + "Prefix", prefix),
            new XElement(ns + "KeyCount", page.Count),
            new XElement(ns + "IsTruncated", truncated ? "true" : "false"),
            url ? new XElement(ns + "EncodingType", "url") : null,
            truncated ? new XElement(ns + "NextContinuationToken", Convert.ToBase64String(Encoding.UTF8.GetBytes((start + page.Count).ToString(CultureInfo.InvariantCulture)))) : null,
            page.Select(k => new XElement(ns + "Contents",
                new XElement(ns + "Key", url ? WebUtility.UrlEncode(k) : k),
                new XElement(ns + "ETag", $"\"{ETag(objects[k])}\""),
                new XElement(ns + "Size", objects[k].Length))));
        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync(doc.ToString(SaveOptions.DisableFormatting));
    }

    private (int Status, string Code, string Message)? Authenticate(HttpContext context, string path, List<KeyValuePair<string, string>> query)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(SigV4Signer.Algorithm + " ", StringComparison.Ordinal))
        {
            return (403, "AccessDenied", "Access Denied.");
        }

        var fields = header[(SigV4Signer.Algorithm.Length + 1)..].Split(", ").Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        var scope = fields["Credential"].Split('/');
        if (scope[0] != Credentials!.AccessKeyId)
        {
            return (403, "InvalidAccessKeyId", "The Access Key Id you provided does not exist in our records.");
        }

        if (scope[2] != Region || scope[3] != "s3" || scope[4] != "aws4_request")
        {
            return (400, "AuthorizationHeaderMalformed", $"the region '{scope[2]}' is wrong; expecting '{Region}'");
        }

        var signed = fields["SignedHeaders"].Split(';');
        if (!DateTimeOffset.TryParseExact(context.Request.Headers["x-amz-date"].ToString(), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var time))
        {
            return (403, "AccessDenied", "AWS authentication requires a valid Date or x-amz-date header");
        }

        var expected = SigV4Signer.Sign(new SigV4Request
        {
            Method = context.Request.Method,
            Host = context.Request.Headers.Host.ToString(),
            Path = path,
            Query = query,
            Headers = [.. signed.Where(h => h != "host" && !h.StartsWith("x-amz-", StringComparison.Ordinal))
                .Select(h => new KeyValuePair<string, string>(h, context.Request.Headers[h].ToString()))],
            PayloadHash = context.Request.Headers["x-amz-content-sha256"].ToString(),
        }, Credentials with { SessionToken = context.Request.Headers["x-amz-security-token"].ToString() is { Length: > 0 } t ? t : null }, Region, "s3", time);
        var matches = expected.Authorization == header
            && (Credentials.SessionToken is null || context.Request.Headers["x-amz-security-token"] == Credentials.SessionToken);
        return matches ? null : (403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
    }

    private static async Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        if (context.Request.Method == "HEAD")
        {
            return;
        }

        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync(new XElement("Error", new XElement("Code", code), new XElement("Message", message)).ToString(SaveOptions.DisableFormatting));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
