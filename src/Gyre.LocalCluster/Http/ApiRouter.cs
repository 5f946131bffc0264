using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Security;
using Microsoft.AspNetCore.Http;

namespace Gyre.LocalCluster.Http;

/// <summary>
/// The request pipeline: authentication (client certificate, bearer token), impersonation, routing of non-resource paths, RBAC
/// authorization, then the resource handler. Every failure becomes a metav1.Status; no request ends in a 500 with
/// a stack trace.
/// </summary>
internal sealed class ApiRouter
{
    private readonly ClusterState _state;
    private readonly TokenAuthenticator _tokens;
    private readonly ClientCertificateAuthenticator _clientCertificates;
    private readonly ServiceAccountTokens _serviceAccountTokens;
    private readonly TokenRequestHandler _tokenRequests;
    private readonly RbacAuthorizer _authorizer;
    private readonly ResourceHandler _resources;
    private readonly ReviewHandler _reviews;
    private readonly OpenApiDocuments _openApi;

    public ApiRouter(ClusterState state, TokenAuthenticator tokens, ClientCertificateAuthenticator clientCertificates, ServiceAccountTokens serviceAccountTokens)
    {
        _state = state;
        _tokens = tokens;
        _clientCertificates = clientCertificates;
        _serviceAccountTokens = serviceAccountTokens;
        _tokenRequests = new TokenRequestHandler(state, serviceAccountTokens);
        _authorizer = new RbacAuthorizer(state.Store);
        _resources = new ResourceHandler(state);
        _reviews = new ReviewHandler(_authorizer);
        _openApi = new OpenApiDocuments(state.Catalog);
    }

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await RouteAsync(context).ConfigureAwait(false);
        }
        catch (ApiStatusException ex)
        {
            if (!context.Response.HasStarted)
            {
                await HttpResponses.WriteStatusAsync(context, ex).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (a watch closed); nothing to answer.
        }
        catch (Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
        }
#pragma warning disable CA1031 // the server boundary: any unexpected failure becomes a Status 500 without internals, never a crash
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (!context.Response.HasStarted)
            {
                await HttpResponses.WriteStatusAsync(context, new ApiStatusException(500, "InternalError", "Internal error occurred: " + ex.GetType().Name + ": " + ex.Message)).ConfigureAwait(false);
            }
        }
    }

    private async Task RouteAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        if (path is "/healthz" or "/livez" or "/readyz" || path.StartsWith("/healthz/", StringComparison.Ordinal) || path.StartsWith("/livez/", StringComparison.Ordinal) || path.StartsWith("/readyz/", StringComparison.Ordinal))
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("ok", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (path == "/version")
        {
            await HttpResponses.WriteAsync(context, 200, VersionInfo()).ConfigureAwait(false);
            return;
        }

        var user = Authenticate(context);
        user = Impersonate(context, user);
        if (path is "/api" or "/apis" || (path.StartsWith("/api", StringComparison.Ordinal) && ApiPath.Parse(path) is null && method == "GET"))
        {
            await Discovery.WriteAsync(context, _state.Catalog, path.TrimEnd('/')).ConfigureAwait(false);
            return;
        }

        if (path.StartsWith("/openapi/", StringComparison.Ordinal))
        {
            await _openApi.WriteAsync(context, path).ConfigureAwait(false);
            return;
        }

        var apiPath = ApiPath.Parse(path) ?? throw Discovery.NotFound();
        var resource = _state.Catalog.Find(apiPath.Group, apiPath.Version, apiPath.Resource)
            ?? throw new ApiStatusException(404, "NotFound", "the server could not find the requested resource");
        if (apiPath.Namespace is not null && !resource.Namespaced)
        {
            throw Discovery.NotFound();
        }

        var verb = Verb(method, context, apiPath);
        var attributes = new ResourceAttributes(verb, resource.Group, resource.Plural, apiPath.Subresource ?? string.Empty, apiPath.Namespace ?? string.Empty, apiPath.Name ?? string.Empty);
        // Review APIs are open to every authenticated user (the system:basic-user role of a real cluster).
        if (!(resource.IsReview && verb == "create") && !_authorizer.Allows(user, attributes))
        {
            throw ApiStatusException.Forbidden(user.Name, verb, new ResourceRef(resource.Group, resource.Plural), apiPath.Name, apiPath.Namespace ?? string.Empty);
        }

        if (resource.Group.Length == 0 && resource.Plural == "serviceaccounts" && apiPath is { Subresource: "token", Namespace: { } tokenNs, Name: { } account })
        {
            await _tokenRequests.HandleAsync(context, tokenNs, account, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var request = new ApiRequest(context, user, resource, apiPath);
        if (resource.IsReview)
        {
            await _reviews.HandleAsync(request, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await _resources.HandleAsync(request, verb, context.RequestAborted).ConfigureAwait(false);
    }

    private UserInfo Authenticate(HttpContext context)
    {
        // As kube-apiserver's union authenticator: a client certificate from the cluster CA first, then a bearer token.
        if (context.Connection.ClientCertificate is { } certificate && _clientCertificates.Authenticate(certificate) is { } certificateUser)
        {
            return certificateUser;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && (_tokens.Authenticate(header[7..].Trim()) ?? _serviceAccountTokens.Authenticate(header[7..].Trim())) is { } user)
        {
            return user;
        }

        throw new ApiStatusException(401, "Unauthorized", "Unauthorized");
    }

    /// <summary>Impersonate-User / Impersonate-Group headers, allowed when the caller may `impersonate` users and groups.</summary>
    private UserInfo Impersonate(HttpContext context, UserInfo user)
    {
        var name = context.Request.Headers["Impersonate-User"].ToString();
        // One group per header line (Kestrel keeps repeated lines as separate values; a comma is part of a name).
        var groups = context.Request.Headers["Impersonate-Group"].Where(g => !string.IsNullOrEmpty(g)).Select(g => g!).ToList();
        var uid = context.Request.Headers["Impersonate-Uid"].ToString();
        var extra = ImpersonatedExtra.Read(context.Request.Headers);
        if (name.Length == 0)
        {
            if (groups.Count > 0 || uid.Length > 0 || extra.Count > 0)
            {
                var requested = groups.Select(g => "{Group " + g + "}").Concat(uid.Length > 0 ? ["{UID " + uid + "}"] : []).Concat(extra.Keys.Select(k => "{Extra " + k + "}"));
                throw new ApiStatusException(500, "InternalError", "Internal error occurred: requested [" + string.Join(" ", requested) + "] without impersonating a user");
            }

            return user;
        }

        var checks = new List<ResourceAttributes>();
        if (name.StartsWith("system:serviceaccount:", StringComparison.Ordinal) && name.Split(':') is [_, _, var ns, var sa])
        {
            checks.Add(new ResourceAttributes("impersonate", string.Empty, "serviceaccounts", string.Empty, ns, sa));
        }
        else
        {
            checks.Add(new ResourceAttributes("impersonate", string.Empty, "users", string.Empty, string.Empty, name));
        }

        checks.AddRange(groups.Select(g => new ResourceAttributes("impersonate", string.Empty, "groups", string.Empty, string.Empty, g)));
        checks.AddRange(ImpersonatedExtra.Checks(uid, extra));
        foreach (var check in checks)
        {
            if (!_authorizer.Allows(user, check))
            {
                var resource = check.Subresource.Length == 0 ? check.Resource : check.Resource + "/" + check.Subresource;
                throw new ApiStatusException(403, "Forbidden", $"{resource} \"{check.Name}\" is forbidden: User \"{user.Name}\" cannot impersonate resource \"{resource}\" in API group \"{check.Group}\" at the cluster scope", check.Name, check.Group, check.Resource) { };
            }
        }

        var allGroups = groups.Append("system:authenticated").ToList();
        if (name.StartsWith("system:serviceaccount:", StringComparison.Ordinal) && name.Split(':') is [_, _, var ns2, _])
        {
            allGroups.AddRange(["system:serviceaccounts", "system:serviceaccounts:" + ns2]);
        }

        return new UserInfo(name, [.. allGroups.Distinct()]) { Uid = uid.Length > 0 ? uid : null, Extra = extra };
    }

    private static string Verb(string method, HttpContext context, ApiPath path) => method switch
    {
        "GET" when path.Name is null => context.Request.Query["watch"].FirstOrDefault() is "true" or "1" ? "watch" : "list",
        "GET" or "HEAD" => "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" when path.Name is null => "deletecollection",
        "DELETE" => "delete",
        _ => throw new ApiStatusException(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource"),
    };

    private static JsonObject VersionInfo() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-gyre",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };
}
