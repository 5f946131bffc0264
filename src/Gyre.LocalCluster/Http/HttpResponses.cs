using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Storage;
using Microsoft.AspNetCore.Http;

namespace Gyre.LocalCluster.Http;

/// <summary>Writes API responses: JSON objects, raw stored bytes, and Status errors.</summary>
internal static class HttpResponses
{
    public const string Json = "application/json";

    public static Task WriteAsync(HttpContext context, int code, JsonNode body, string contentType = Json)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = contentType;
        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, JsonContext.Options);
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    public static Task WriteRawAsync(HttpContext context, int code, byte[] body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = Json;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    public static Task WriteStatusAsync(HttpContext context, ApiStatusException error)
    {
        if (error.RetryAfterSeconds is { } retry)
        {
            context.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteAsync(context, error.Code, error.ToStatus());
    }

    /// <summary>The Status kube-apiserver returns for a successful delete of an object that is gone at once.</summary>
    public static JsonObject Success(string kind, string name, string group, string uid) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = kind, ["uid"] = uid },
    };
}
