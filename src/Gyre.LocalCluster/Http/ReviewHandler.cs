using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Security;

namespace Gyre.LocalCluster.Http;

/// <summary>
/// The create-only review APIs: SelfSubjectAccessReview and SubjectAccessReview (`kubectl auth can-i`), and
/// SelfSubjectReview (`kubectl auth whoami`), answered by the same RBAC evaluation that guards requests.
/// </summary>
internal sealed class ReviewHandler
{
    private readonly RbacAuthorizer _authorizer;

    public ReviewHandler(RbacAuthorizer authorizer)
    {
        _authorizer = authorizer;
    }

    public async Task HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        if (request.Context.Request.Method != "POST")
        {
            throw new ApiStatusException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }

        var body = RequestBody.ParseObject(await RequestBody.ReadBytesAsync(request.Context, cancellationToken).ConfigureAwait(false), request.Context.Request.ContentType);
        body["apiVersion"] = request.Resource.ApiVersion;
        body["kind"] = request.Resource.Kind;
        body["metadata"] ??= new JsonObject();
        switch (request.Resource.Kind)
        {
            case "SelfSubjectReview":
                // authentication/v1 UserInfo, fields in Go's order: username, uid, groups, extra.
                var userInfo = new JsonObject { ["username"] = request.User.Name };
                if (request.User.Uid is { } uid)
                {
                    userInfo["uid"] = uid;
                }

                userInfo["groups"] = new JsonArray([.. request.User.Groups.Select(g => (JsonNode)JsonValue.Create(g))]);
                if (request.User.Extra.Count > 0)
                {
                    userInfo["extra"] = new JsonObject(request.User.Extra.Select(e =>
                        KeyValuePair.Create(e.Key, (JsonNode?)new JsonArray([.. e.Value.Select(v => (JsonNode)JsonValue.Create(v))]))));
                }

                body["status"] = new JsonObject { ["userInfo"] = userInfo };
                break;
            case "SelfSubjectAccessReview":
                body["status"] = Review(request.User, body["spec"] as JsonObject);
                break;
            default:
                var spec = body["spec"] as JsonObject;
                var groups = (spec?["groups"] as JsonArray ?? []).Select(g => g!.GetValue<string>()).ToList();
                var user = new UserInfo(spec?["user"]?.GetValue<string>() ?? string.Empty, groups);
                body["status"] = Review(user, spec);
                break;
        }

        await HttpResponses.WriteAsync(request.Context, 201, body).ConfigureAwait(false);
    }

    private JsonObject Review(UserInfo user, JsonObject? spec)
    {
        ResourceAttributes attributes;
        if (spec?["resourceAttributes"] is JsonObject ra)
        {
            string S(string field) => ra[field]?.GetValue<string>() ?? string.Empty;
            attributes = new ResourceAttributes(S("verb"), S("group"), S("resource"), S("subresource"), S("namespace"), S("name"));
        }
        else if (spec?["nonResourceAttributes"] is JsonObject nra)
        {
            attributes = ResourceAttributes.NonResource(nra["verb"]?.GetValue<string>() ?? string.Empty, nra["path"]?.GetValue<string>() ?? string.Empty);
        }
        else
        {
            throw ApiStatusException.Invalid("SelfSubjectAccessReview", "authorization.k8s.io", string.Empty, [new StatusCause("FieldValueRequired", "Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified", "spec.resourceAttributes")]);
        }

        var allowed = _authorizer.Allows(user, attributes);
        var status = new JsonObject { ["allowed"] = allowed };
        if (allowed)
        {
            status["reason"] = user.IsClusterAdmin ? "the user is a member of system:masters" : "allowed by RBAC";
        }

        return status;
    }
}
