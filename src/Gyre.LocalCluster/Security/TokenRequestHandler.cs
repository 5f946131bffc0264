using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Http;
using Microsoft.AspNetCore.Http;

namespace Gyre.LocalCluster.Security;

/// <summary>
/// POST /api/v1/namespaces/{ns}/serviceaccounts/{name}/token (TokenRequest, `kubectl create token`): validates the
/// requested duration as kube-apiserver does (at least 10 minutes, default one hour) and answers with a bound token.
/// </summary>
internal sealed class TokenRequestHandler(ClusterState state, ServiceAccountTokens tokens)
{
    private const long DefaultSeconds = 3600;
    private const long MinimumSeconds = 600;
    private const long MaximumSeconds = 1L << 32;

    public async Task HandleAsync(HttpContext context, string ns, string name, CancellationToken cancellationToken)
    {
        if (context.Request.Method != "POST")
        {
            throw new ApiStatusException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }

        var body = RequestBody.ParseObject(await RequestBody.ReadBytesAsync(context, cancellationToken).ConfigureAwait(false), context.Request.ContentType);
        var account = state.Store.Get("serviceaccounts", ns, name) ?? throw ApiStatusException.NotFound(new ResourceRef(string.Empty, "serviceaccounts"), name);
        var spec = body["spec"] as JsonObject ?? [];
        var seconds = spec["expirationSeconds"] is JsonValue value && value.TryGetValue<long>(out var s) ? s : DefaultSeconds;
        var causes = new List<StatusCause>();
        if (seconds < MinimumSeconds)
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {seconds}: may not specify a duration less than 10 minutes", "spec.expirationSeconds"));
        }
        else if (seconds > MaximumSeconds)
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {seconds}: may not specify a duration larger than 2^32 seconds", "spec.expirationSeconds"));
        }

        if (spec["boundObjectRef"] is JsonObject)
        {
            causes.Add(new StatusCause("FieldValueNotSupported", "Unsupported value: the local cluster does not bind tokens to objects; request the token without --bound-object-kind", "spec.boundObjectRef"));
        }

        if (causes.Count > 0)
        {
            throw ApiStatusException.Invalid("TokenRequest", "authentication.k8s.io", name, causes);
        }

        var audiences = (spec["audiences"] as JsonArray ?? []).Select(a => a?.GetValue<string>()).OfType<string>().ToList();
        if (audiences.Count == 0)
        {
            audiences.Add(ServiceAccountTokens.Issuer);
        }

        var uid = (string?)account.Object["metadata"]?["uid"] ?? string.Empty;
        var (token, expires) = tokens.Issue(ns, name, uid, audiences, seconds);
        var answer = new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["creationTimestamp"] = state.Lifecycle.Now },
            ["spec"] = new JsonObject
            {
                ["audiences"] = new JsonArray([.. audiences.Select(a => (JsonNode)JsonValue.Create(a))]),
                ["expirationSeconds"] = seconds,
                ["boundObjectRef"] = null,
            },
            ["status"] = new JsonObject { ["token"] = token, ["expirationTimestamp"] = Objects.ObjectMeta.Timestamp(expires) },
        };
        await HttpResponses.WriteAsync(context, 201, answer).ConfigureAwait(false);
    }
}
