using System.Text.Json.Nodes;

namespace Gyre.Kube;

/// <summary>
/// The fields of a metav1.Status returned by the API server for a failed request.
/// </summary>
/// <param name="Code">The HTTP status code.</param>
/// <param name="Reason">The StatusReason, e.g. <c>NotFound</c>, <c>Conflict</c>, <c>AlreadyExists</c>, <c>Invalid</c>, <c>Expired</c>.</param>
/// <param name="Message">The server's message.</param>
/// <param name="Causes">The field-level causes, empty when the server gave none.</param>
/// <param name="RetryAfterSeconds">The server's suggested wait (<c>details.retryAfterSeconds</c>), if any.</param>
public sealed record KubeStatus(int Code, string Reason, string Message, IReadOnlyList<KubeStatusCause> Causes, int? RetryAfterSeconds)
{
    /// <summary>
    /// Reads a metav1.Status body. When the body is not a Status (a proxy's HTML page, an empty body), the reason is
    /// derived from the HTTP code the way client-go's <c>NewGenericServerResponse</c> does.
    /// </summary>
    public static KubeStatus FromResponse(int code, string? body)
    {
        JsonObject? status = null;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                status = JsonNode.Parse(body) as JsonObject;
            }
            catch (System.Text.Json.JsonException)
            {
                status = null;
            }
        }

        if (status is null || !string.Equals((string?)status["kind"], "Status", StringComparison.Ordinal))
        {
            return new KubeStatus(code, ReasonForCode(code), GenericMessage(code), [], null);
        }

        var details = status["details"] as JsonObject;
        var causes = new List<KubeStatusCause>();
        if (details?["causes"] is JsonArray array)
        {
            foreach (var cause in array.OfType<JsonObject>())
            {
                causes.Add(new KubeStatusCause((string?)cause["reason"], (string?)cause["message"], (string?)cause["field"]));
            }
        }

        var reason = (string?)status["reason"];
        var message = (string?)status["message"];
        var statusCode = status["code"] is JsonValue c && c.TryGetValue(out int parsed) ? parsed : code;
        int? retryAfter = details?["retryAfterSeconds"] is JsonValue r && r.TryGetValue(out int seconds) ? seconds : null;
        return new KubeStatus(
            statusCode,
            string.IsNullOrEmpty(reason) ? ReasonForCode(statusCode) : reason,
            string.IsNullOrEmpty(message) ? GenericMessage(statusCode) : message,
            causes,
            retryAfter);
    }

    // Mirrors k8s.io/apimachinery/pkg/api/errors NewGenericServerResponse: the reason a bare HTTP code implies.
    internal static string ReasonForCode(int code) => code switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        409 => "Conflict",
        410 => "Expired",
        413 => "RequestEntityTooLarge",
        415 => "UnsupportedMediaType",
        422 => "Invalid",
        429 => "TooManyRequests",
        500 => "InternalError",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => code >= 500 ? "InternalError" : "Unknown",
    };

    private static string GenericMessage(int code) => code switch
    {
        401 => "the server has asked for the client to provide credentials",
        403 => "the server does not allow this method on the requested resource",
        404 => "the server could not find the requested resource",
        429 => "the server has received too many requests and has asked us to try again later",
        _ => $"the server responded with HTTP {code}",
    };
}
