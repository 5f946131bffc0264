using System.Net;
using System.Xml;
using System.Xml.Linq;

namespace Gyre.Sources.Buckets;

/// <summary>
/// S3's and Azure Storage's error responses (<c>&lt;Error&gt;&lt;Code&gt;…&lt;/Code&gt;&lt;Message&gt;…&lt;/Message&gt;&lt;/Error&gt;</c>) as
/// <see cref="SourceException"/>s that name the code and message; bodiless answers (HEAD) are named by status.
/// </summary>
internal static class S3Errors
{
    private const int MaxErrorBody = 64 * 1024;

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string location, string what, CancellationToken cancellationToken,
        string service = "S3")
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var (code, message) = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        code ??= response.StatusCode switch
        {
            HttpStatusCode.Forbidden => "AccessDenied",
            HttpStatusCode.NotFound => "NoSuchBucket",
            HttpStatusCode.Unauthorized => "Unauthorized",
            _ => null,
        };
        var why = code is null
            ? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}"
            : $"{service} error {code}{(string.IsNullOrWhiteSpace(message) ? "" : ": " + message)} (HTTP {(int)response.StatusCode})";
        why += code switch
        {
            "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch" => "; check the accesskey and secretkey of spec.secretRef and the bucket policy",
            "NoSuchBucket" or "ContainerNotFound" => "; check spec.bucketName and spec.endpoint",
            "AuthenticationFailed" => "; check the accountKey or sasKey of spec.secretRef",
            "AuthorizationFailure" or "AuthorizationPermissionMismatch" => "; the key or SAS token may not read this container",
            "AuthorizationHeaderMalformed" => "; check spec.region",
            _ => "",
        };
        var transient = (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests;
        throw new SourceException(location, what, why, SourceReasons.BucketOperationFailed, transient);
    }

    /// <summary>The S3 error code of a failed response, or null.</summary>
    public static async Task<string?> CodeAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        (await ReadAsync(response, cancellationToken).ConfigureAwait(false)).Code;

    private static async Task<(string? Code, string? Message)> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await response.Content.LoadIntoBufferAsync(MaxErrorBody, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (text.Length == 0)
            {
                return (null, null);
            }

            var root = XDocument.Parse(text).Root;
            return root?.Name.LocalName == "Error"
                ? (Value(root, "Code"), Value(root, "Message"))
                : (null, null);
        }
        catch (Exception ex) when (ex is XmlException or HttpRequestException or InvalidOperationException)
        {
            return (null, null);
        }
    }

    private static string? Value(XElement element, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
}
