using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Security;
using Microsoft.AspNetCore.Http;

namespace Gyre.LocalCluster.Http;

/// <summary>A resource request after routing and authentication: who, which resource, which object, and the query.</summary>
internal sealed record ApiRequest(HttpContext Context, UserInfo User, ResourceInfo Resource, ApiPath Path)
{
    public string Namespace => Path.Namespace ?? string.Empty;

    public IQueryCollection Query => Context.Request.Query;

    public bool DryRun => Query["dryRun"].Any(v => v == "All");

    public string? FieldManager => Query["fieldManager"].FirstOrDefault();

    public string? FieldValidation => Query["fieldValidation"].FirstOrDefault();

    public ResourceRef Ref => ResourceRef.Of(Resource);

    public CancellationToken Aborted => Context.RequestAborted;
}
